package io.teleconsultation.api;

import io.teleconsultation.ServiceInfo;
import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.observability.Metrics;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.teleconsultation.bus.SharedCounters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * /-/healthz: the process answers. /-/ready: the database answers and every verticle is reachable on the event bus.
 * /-/check-up: each dependency, including whether Kaleyra is real or the built-in simulator, how many times a
 * stored room was found missing on Kaleyra, and the user directory in the user-directory mode.
 */
final class HealthHandlers {

  private final Vertx vertx;
  private final BusClient bus;
  private final boolean directoryEnabled;

  /** @param directoryEnabled whether the user directory ({@code AUTH_SERVICE}) is a dependency to check */
  HealthHandlers(Vertx vertx, BusClient bus, boolean directoryEnabled) {
    this.vertx = vertx;
    this.bus = bus;
    this.directoryEnabled = directoryEnabled;
  }

  void healthz(RoutingContext rc) {
    send(rc, 200, status("OK"));
  }

  void ready(RoutingContext rc) {
    Future.all(
            bus.request(Addresses.STORE_STATUS, new JsonObject()).map(db -> "OK".equals(db.getString("status"))),
            bus.request(Addresses.KALEYRA_PING, new JsonObject()).map(pong -> true),
            bus.request(Addresses.TELECONSULTATION_PING, new JsonObject()).map(pong -> true))
        .map(all -> all.<Boolean>list().stream().allMatch(Boolean::booleanValue))
        .otherwise(false)
        .onSuccess(ready -> send(rc, ready ? 200 : 503, status(ready ? "OK" : "KO")));
  }

  void checkUp(RoutingContext rc) {
    Future<JsonObject> database = bus.request(Addresses.STORE_STATUS, new JsonObject())
        .otherwise(err -> new JsonObject().put("status", "KO").put("detail", "Persistence verticle not reachable"));
    Future<JsonObject> kaleyra = bus.request(Addresses.KALEYRA_STATUS, new JsonObject())
        .otherwise(err -> new JsonObject().put("status", "KO").put("detail", "Kaleyra verticle not reachable"))
        .compose(status -> SharedCounters.read(vertx, SharedCounters.MISSING_ROOMS).otherwise(0L)
            .map(missing -> status.put("missingRooms", missing)));
    Future<JsonObject> directory = directoryEnabled
        ? bus.request(Addresses.DIRECTORY_STATUS, new JsonObject())
            .otherwise(err -> new JsonObject().put("status", "KO").put("detail", "Directory verticle not reachable"))
        : Future.succeededFuture(null);
    Future.all(database, kaleyra, directory).onComplete(done -> {
      JsonObject checks = new JsonObject().put("database", database.result()).put("kaleyra", kaleyra.result());
      if (directory.result() != null) {
        checks.put("directory", directory.result());
      }
      boolean ok = checks.stream().allMatch(check -> "OK".equals(((JsonObject) check.getValue()).getString("status")));
      send(rc, ok ? 200 : 503, status(ok ? "OK" : "KO").put("checks", checks));
    });
  }

  /** Prometheus text format; 503 on a node started without metrics (an embedding application's Vert.x). */
  static void metrics(RoutingContext rc) {
    if (!Metrics.enabled()) {
      new Problem(503, "Metrics are not enabled on this node").send(rc.response());
      return;
    }
    PrometheusScrapingHandler.create().handle(rc);
  }

  private static JsonObject status(String status) {
    return new JsonObject().put("status", status).put("name", ServiceInfo.NAME).put("version", ServiceInfo.version());
  }

  private static void send(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
