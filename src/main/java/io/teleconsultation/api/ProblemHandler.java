package io.teleconsultation.api;

import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.domain.TeleconsultationId;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of a route into a problem+json response: request validation errors (400 naming the field),
 * failures that came back over the event bus (their code is the status), and anything unexpected (500, details
 * logged, never sent).
 */
final class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String TELECONSULTATION_ID = "teleconsultationId";

  @Override
  public void handle(RoutingContext rc) {
    problemOf(rc).send(rc.response());
  }

  private Problem problemOf(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof ReplyException reply) {
      return new Problem(BusFailure.statusOf(reply), BusFailure.messageOf(reply));
    }
    if (failure instanceof HttpException http) {
      String id = rc.pathParam(TELECONSULTATION_ID);
      if (http.getCause() instanceof ValidatorException && id != null && !TeleconsultationId.isWellFormed(id)) {
        // The original service answered 404 for any id it could not find, whatever its form: frontends rely on it.
        return new Problem(404, TeleconsultationId.notFound(id));
      }
      if (http.getCause() instanceof SchemaValidationException invalid) {
        return new Problem(400, describe(invalid), errors(invalid.getOutputUnit()));
      }
      if (http.getCause() instanceof ValidatorException invalid) {
        return new Problem(400, invalid.getMessage());
      }
      return new Problem(http.getStatusCode(), http.getPayload() != null ? http.getPayload() : Problem.title(http.getStatusCode()));
    }
    if (failure == null && rc.statusCode() > 0) {
      return new Problem(rc.statusCode(), Problem.title(rc.statusCode()));
    }
    LOG.error("Unexpected failure on {} {}", rc.request().method(), LogSafe.of(rc.normalizedPath()), failure);
    return new Problem(500, "Internal error");
  }

  /**
   * The validator's message (it names one location) followed by the precise errors, e.g.
   * "#/participants/number: 1 is less than 2". The validator also reports every enclosing schema that failed
   * ("Property \"participants\" does not match schema"); those say nothing more and are left out of the detail.
   */
  private static String describe(SchemaValidationException invalid) {
    StringBuilder detail = new StringBuilder(invalid.getMessage());
    OutputUnit unit = invalid.getOutputUnit();
    if (unit != null && unit.getErrors() != null) {
      unit.getErrors().stream()
          .filter(error -> isPrecise(error.getError()))
          .map(error -> pointer(error.getInstanceLocation()) + ": " + error.getError())
          .distinct()
          .limit(5)
          .forEach(error -> detail.append("; ").append(error));
    }
    return detail.toString();
  }

  private static boolean isPrecise(String error) {
    return error != null && !error.startsWith("Property \"") && !error.equals("A subschema had errors");
  }

  private static JsonArray errors(OutputUnit unit) {
    JsonArray errors = new JsonArray();
    if (unit != null && unit.getErrors() != null) {
      for (OutputUnit error : unit.getErrors()) {
        errors.add(new JsonObject().put("pointer", pointer(error.getInstanceLocation())).put("detail", error.getError()));
      }
    }
    return errors;
  }

  private static String pointer(String instanceLocation) {
    return instanceLocation == null ? "#" : instanceLocation;
  }
}
