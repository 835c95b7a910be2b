package io.teleconsultation.api;

import io.teleconsultation.bus.BusClient;
import io.teleconsultation.config.ServiceConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge. The router is built from openapi.yaml, which validates every request; handlers only translate
 * between HTTP and event-bus messages. Every error leaves as problem+json.
 */
public class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  /** JSON bodies are small; anything larger is refused with 413 before it is parsed. */
  static final long BODY_LIMIT_BYTES = 1024 * 1024;

  private HttpServer server;
  private long shutdownTimeoutMs;

  @Override
  public Future<?> start() {
    ServiceConfig config = new ServiceConfig(config());
    shutdownTimeoutMs = config.shutdownTimeoutMs();
    BusClient bus = new BusClient(vertx, config.eventBusTimeoutMs());
    TeleconsultationHandlers teleconsultations = new TeleconsultationHandlers(bus, config);
    HealthHandlers health = new HealthHandlers(vertx, bus);
    Map<String, Handler<RoutingContext>> handlers = Map.of(
        "createTeleconsultation", teleconsultations::create,
        "getTeleconsultation", teleconsultations::get,
        "updateTeleconsultation", teleconsultations::update,
        "addParticipant", teleconsultations::addParticipant,
        "deleteTeleconsultation", teleconsultations::delete,
        "getHealthz", health::healthz,
        "getReady", health::ready,
        "getCheckUp", health::checkUp);

    return ContractLoader.load(vertx)
        .compose(contract -> {
          Router router = router(contract, handlers);
          // Pages outside the contract, for trying the service in a browser.
          if (config.kaleyraSimulated()) {
            new SimulatorJoinPage(bus).mount(router);
          }
          if (config.demoEnabled()) {
            DemoPage.mount(router);
          }
          server = vertx.createHttpServer();
          return server.requestHandler(router).listen(config.httpPort());
        })
        .onSuccess(listening -> {
          LOG.info("HTTP API listening on port {}", listening.actualPort());
          if (config.demoEnabled()) {
            LOG.info("Demo page: http://localhost:{}{}/", listening.actualPort(), DemoPage.PATH);
          }
        });
  }

  private Router router(OpenAPIContract contract, Map<String, Handler<RoutingContext>> handlers) {
    // The body is read once, by the BodyHandler (which enforces the size limit); the validator reads it from there.
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.rootHandler(BodyHandler.create().setBodyLimit(BODY_LIMIT_BYTES).setHandleFileUploads(false));
    builder.rootHandler(new MediaTypeCheck(contract));
    for (Operation operation : contract.operations()) {
      Handler<RoutingContext> handler = handlers.getOrDefault(operation.getOperationId(), NotImplemented::handle);
      builder.getRoute(operation.getOperationId()).addHandler(handler);
    }
    Router router = builder.createRouter();
    ProblemHandler problems = new ProblemHandler();
    router.route().failureHandler(problems);
    router.errorHandler(404, rc -> new Problem(404, "No operation at " + rc.request().method() + " " + rc.normalizedPath())
        .send(rc.response()));
    router.errorHandler(405, rc -> new Problem(405, "Method not allowed on " + rc.normalizedPath()).send(rc.response()));
    return router;
  }

  /**
   * Stops accepting connections, lets the requests in flight finish (up to {@code SHUTDOWN_TIMEOUT_MS}), then
   * closes: in a rolling update no request is cut mid-way.
   */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(shutdownTimeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Operations of the contract that a later version implements. */
  static final class NotImplemented {
    private NotImplemented() {}

    static void handle(RoutingContext rc) {
      new Problem(501, "Not implemented yet by this version of the service").send(rc.response());
    }
  }

  /** The port actually listened on (useful when HTTP_PORT is 0). */
  public int port() {
    return server.actualPort();
  }
}
