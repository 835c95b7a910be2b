package io.teleconsultation.api;

import io.teleconsultation.domain.TeleconsultationId;
import io.teleconsultation.observability.RequestContext;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per request once its response is sent (or its connection lost): method, route template (never the
 * raw path, which carries ids and whatever a client puts there), status, duration, request id and, where the path
 * names one, the teleconsultation id; as key-value pairs of the JSON line (logback.xml) and in its message. Probes
 * ({@code /-/…}), polled every few seconds, log at DEBUG.
 */
final class AccessLog implements Handler<RoutingContext> {

  /** Its own logger, so that a deployment can route or silence access lines alone. */
  private static final Logger LOG = LoggerFactory.getLogger("io.teleconsultation.access");
  private static final String PROBES = "/-/";

  private final OpenAPIContract contract;

  AccessLog(OpenAPIContract contract) {
    this.contract = contract;
  }

  @Override
  public void handle(RoutingContext rc) {
    long started = System.nanoTime();
    String requestId = RequestContext.requestId();
    rc.addEndHandler(ended -> log(rc, started, requestId, ended.succeeded()));
    rc.next();
  }

  private void log(RoutingContext rc, long started, String requestId, boolean sent) {
    String path = rc.normalizedPath();
    Level level = path.startsWith(PROBES) ? Level.DEBUG : Level.INFO;
    if (!LOG.isEnabledForLevel(level)) {
      return;
    }
    String method = rc.request().method().name();
    String route = route(rc);
    int status = sent ? rc.response().getStatusCode() : 0;
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    String teleconsultationId = teleconsultationId(rc);
    LoggingEventBuilder line = LOG.atLevel(level)
        .addKeyValue("method", method)
        .addKeyValue("route", route)
        .addKeyValue("status", status)
        .addKeyValue("durationMs", durationMs);
    if (requestId != null) {
      line = line.addKeyValue("requestId", requestId);
    }
    if (teleconsultationId != null) {
      line = line.addKeyValue("teleconsultationId", teleconsultationId);
    }
    line.log("{} {} {} {} ms{}", method, route, sent ? status : "connection closed before the response was sent",
            durationMs, teleconsultationId == null ? "" : " teleconsultation " + teleconsultationId);
  }

  /** The contract's path template; else the template of a route outside the contract; else null (no route). */
  private String route(RoutingContext rc) {
    Operation operation = contract.findOperation(rc.normalizedPath(), rc.request().method());
    if (operation != null) {
      return operation.getOpenAPIPath();
    }
    Route current = rc.currentRoute();
    return current != null && current.getPath() != null ? current.getPath() : null;
  }

  /** Only an id of a teleconsultation's form: anything else in that place of the path is a client's text. */
  private static String teleconsultationId(RoutingContext rc) {
    String known = RequestContext.teleconsultationId();
    if (known != null) {
      return known;
    }
    return TeleconsultationId.canonical(rc.pathParam("teleconsultationId")).orElse(null);
  }
}
