package io.teleconsultation.api;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.observability.RequestContext;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.domain.TeleconsultationId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The /teleconsultation operations: validated HTTP request → event-bus message → HTTP response. */
final class TeleconsultationHandlers {

  private final BusClient bus;
  private final ServiceConfig config;
  private final CallerIdPath callerIdPath;

  TeleconsultationHandlers(BusClient bus, ServiceConfig config, CallerIdPath callerIdPath) {
    this.callerIdPath = callerIdPath;
    this.bus = bus;
    this.config = config;
  }

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  void create(RoutingContext rc) {
    JsonObject message = withCaller(rc, new JsonObject()
        .put("body", validated(rc).getBody().getJsonObject())
        .put("idempotencyKey", rc.request().getHeader(IDEMPOTENCY_KEY)));
    bus.request(Addresses.TELECONSULTATION_CREATE, message)
        .onSuccess(created -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(created.encode()))
        .onFailure(rc::fail);
  }

  void get(RoutingContext rc) {
    ValidatedRequest request = validated(rc);
    Caller caller = Caller.of(rc.request(), callerIdPath, config.groupsHeader());
    JsonObject message = new JsonObject()
        .put("id", id(request))
        .put("callerId", caller == null ? null : caller.userId())
        .put("language", string(request.getQuery().get("language")))
        .put("useBackground", bool(request.getQuery().get("useBackground")));
    bus.request(Addresses.TELECONSULTATION_JOIN, message)
        .onSuccess(access -> rc.response().putHeader("Content-Type", "application/json").end(access.encode()))
        .onFailure(rc::fail);
  }

  void update(RoutingContext rc) {
    ValidatedRequest request = validated(rc);
    JsonObject message = withCaller(rc, new JsonObject()
        .put("id", id(request)).put("body", request.getBody().getJsonObject()));
    bus.request(Addresses.TELECONSULTATION_UPDATE, message)
        .onSuccess(done -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  void addParticipant(RoutingContext rc) {
    ValidatedRequest request = validated(rc);
    JsonObject message = withCaller(rc, new JsonObject()
        .put("id", id(request))
        .put("participant", request.getBody().getJsonObject())
        .put("idempotencyKey", rc.request().getHeader(IDEMPOTENCY_KEY)));
    bus.request(Addresses.TELECONSULTATION_PARTICIPANT_ADD, message)
        .onSuccess(done -> rc.response().setStatusCode(201).end())
        .onFailure(rc::fail);
  }

  void delete(RoutingContext rc) {
    bus.request(Addresses.TELECONSULTATION_DELETE, withCaller(rc, new JsonObject().put("id", id(validated(rc)))))
        .onSuccess(done -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  /** Deletes the files shared during the call, only when TELECONSULTATION_DELETE_UPLOADS is on (docs/original-service.md, "Uploads"). */
  void deleteUploads(RoutingContext rc) {
    if (!config.deleteUploads()) {
      rc.response().setStatusCode(204).end();
      return;
    }
    JsonObject message = withCaller(rc, new JsonObject().put("id", id(validated(rc))));
    bus.request(Addresses.TELECONSULTATION_UPLOADS_DELETE, message)
        .onSuccess(result -> rc.response().putHeader("Content-Type", "application/json").end(result.encode()))
        .onFailure(rc::fail);
  }

  /** Adds who calls, as the gateway's headers say, for the use case to decide whether they may (docs/event-bus.md). */
  private JsonObject withCaller(RoutingContext rc, JsonObject message) {
    Caller caller = Caller.of(rc.request(), callerIdPath, config.groupsHeader());
    return message
        .put("callerId", caller == null ? null : caller.userId())
        .put("callerGroups", new JsonArray(caller == null ? List.of() : caller.groups()));
  }

  /**
   * The path's teleconsultation id in its stored form, also kept for the log lines of this request. The contract has
   * already refused (404) an id of no teleconsultation's form, see {@link ProblemHandler}.
   */
  private static String id(ValidatedRequest request) {
    String raw = request.getPathParameters().get("teleconsultationId").getString();
    String id = TeleconsultationId.canonical(raw).orElse(raw);
    RequestContext.setTeleconsultationId(id);
    return id;
  }

  static ValidatedRequest validated(RoutingContext rc) {
    return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  private static String string(RequestParameter parameter) {
    return parameter == null || parameter.isNull() ? null : parameter.getString();
  }

  private static boolean bool(RequestParameter parameter) {
    return parameter != null && !parameter.isNull() && parameter.getBoolean();
  }
}
