package io.teleconsultation.api;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.config.ServiceConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.util.List;

/** POST /credentials (docs/original-service.md, "SDK credentials"): SDK credentials for the caller. The reply holds a token: never logged. */
final class CredentialsHandlers {

  private final BusClient bus;
  private final ServiceConfig config;
  private final CallerIdPath callerIdPath;

  CredentialsHandlers(BusClient bus, ServiceConfig config, CallerIdPath callerIdPath) {
    this.callerIdPath = callerIdPath;
    this.bus = bus;
    this.config = config;
  }

  void create(RoutingContext rc) {
    // The body is optional; the schema has already checked expiresIn's range when it is there.
    RequestParameter body = TeleconsultationHandlers.validated(rc).getBody();
    Integer expiresIn = body == null || body.isNull() || body.getJsonObject() == null
        ? null : body.getJsonObject().getInteger("expiresIn");
    Caller caller = Caller.of(rc.request(), callerIdPath, config.groupsHeader());
    JsonObject message = new JsonObject()
        .put("callerId", caller == null ? null : caller.userId())
        .put("groups", new JsonArray(caller == null ? List.of() : caller.groups()))
        .put("expiresIn", expiresIn);
    bus.request(Addresses.CREDENTIALS_CREATE, message)
        .onSuccess(credentials -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(credentials.encode()))
        .onFailure(rc::fail);
  }
}
