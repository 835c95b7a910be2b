package io.teleconsultation.kaleyra.simulator;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the simulator answers. Kaleyra answers errors as JSON {@code {"error": "..."}} with the HTTP
 * status carrying the meaning (docs/kaleyra.md, "Transport"): handlers throw the
 * {@link HttpException}s made here and {@link #failure} writes them.
 */
final class SimulatorReplies {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorReplies.class);

  private SimulatorReplies() {}

  static HttpException badRequest(String message) {
    return new HttpException(400, message);
  }

  static HttpException unauthorized() {
    return new HttpException(401, "invalid apikey");
  }

  static HttpException notFound(String message) {
    return new HttpException(404, message);
  }

  static HttpException conflict(String message) {
    return new HttpException(409, message);
  }

  static HttpException tooLarge(String message) {
    return new HttpException(413, message);
  }

  /** Router failure handler: any refusal or crash becomes a JSON error, never a stack trace. */
  static void failure(RoutingContext rc) {
    if (rc.response().ended()) {
      return;
    }
    Throwable failure = rc.failure();
    int status;
    String message;
    if (failure instanceof HttpException refusal) {
      status = refusal.getStatusCode();
      message = refusal.getPayload() != null ? refusal.getPayload() : reason(status);
    } else if (failure == null && rc.statusCode() > 0) {
      // e.g. BodyHandler's rc.fail(413) when a body is over the limit
      status = rc.statusCode();
      message = reason(status);
    } else {
      status = 500;
      message = "internal simulator error";
      LOG.error("Kaleyra simulator failed on {} {}", rc.request().method(), rc.request().path(), failure);
    }
    json(rc, status, SimulatorJson.error(message));
  }

  /** Router error handler for requests no route matched (404, 405). */
  static void noRoute(RoutingContext rc) {
    int status = rc.statusCode() > 0 ? rc.statusCode() : 404;
    json(rc, status, SimulatorJson.error(reason(status)));
  }

  static void json(RoutingContext rc, int status, JsonObject body) {
    HttpServerResponse response = rc.response();
    if (response.ended()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }

  static void noContent(RoutingContext rc) {
    rc.response().setStatusCode(204).end();
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "invalid apikey";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 413 -> "request body too large";
      default -> "request failed";
    };
  }
}
