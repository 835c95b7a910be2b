package io.teleconsultation.api;

import io.teleconsultation.domain.TeleconsultationId;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.observability.RequestContext;
import io.teleconsultation.config.PrivilegesConfig;
import io.teleconsultation.config.ServiceConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge. The router is built from openapi.yaml, and every request is validated against it (by
 * {@link RequestValidation}; but the background image upload, which ImageUploadReader and SettingsHandlers check);
 * handlers only translate between HTTP and event-bus messages. Every error leaves as problem+json. Slow or silent
 * clients are bounded by the idle timeout and ConnectionLimits (request timeout, per-node connection cap).
 */
public class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private HttpServer server;
  private long sweepTimer = -1;
  private long shutdownTimeoutMs;

  @Override
  public Future<?> start() {
    ServiceConfig config = new ServiceConfig(config());
    shutdownTimeoutMs = config.shutdownTimeoutMs();
    // The use case itself waits up to EVENT_BUS_TIMEOUT_MS for each of its steps: the edge gives it two of those,
    // so that a slow but successful creation is not reported to the client as a failure (inviting a duplicate).
    BusClient bus = new BusClient(vertx, 2 * config.eventBusTimeoutMs());
    return PrivilegesConfig.load(vertx, config.teleconsultationConfigPath())
        .compose(privileges -> start(config, bus, privileges, CallerIdPath.of(privileges.raw(), config)));
  }

  private Future<?> start(ServiceConfig config, BusClient bus, PrivilegesConfig privileges,
      CallerIdPath callerIdPath) {
    TeleconsultationHandlers teleconsultations = new TeleconsultationHandlers(bus, config, callerIdPath);
    CredentialsHandlers credentials = new CredentialsHandlers(bus, config, callerIdPath);
    SettingsHandlers settings = new SettingsHandlers(bus, config, callerIdPath, vertx.fileSystem());
    HealthHandlers health = new HealthHandlers(vertx, bus, config.directoryEnabled());
    Map<String, Handler<RoutingContext>> handlers = Map.ofEntries(
        Map.entry("createTeleconsultation", teleconsultations::create),
        Map.entry("getTeleconsultation", teleconsultations::get),
        Map.entry("updateTeleconsultation", teleconsultations::update),
        Map.entry("addParticipant", teleconsultations::addParticipant),
        Map.entry("deleteTeleconsultation", teleconsultations::delete),
        Map.entry("deleteTeleconsultationUploads", teleconsultations::deleteUploads),
        Map.entry("createCredentials", credentials::create),
        Map.entry(SettingsHandlers.UPLOAD_OPERATION, settings::uploadBackground),
        Map.entry("updateSettings", settings::update),
        Map.entry("getHealthz", health::healthz),
        Map.entry("getReady", health::ready),
        Map.entry("getCheckUp", health::checkUp),
        Map.entry("getMetrics", HealthHandlers::metrics));

    UploadsDirectory uploads = new UploadsDirectory(vertx, config.uploadsDirectory());
    ConnectionLimits limits = new ConnectionLimits(vertx, NodeCounter.named(vertx, "http-connections"),
        config.httpMaxConnections(), config.httpRequestTimeoutMs());
    return uploads.sweep(ManagementFactory.getRuntimeMXBean().getStartTime())
        .compose(swept -> ContractLoader.raw(vertx).compose(raw -> ContractLoader.load(vertx).compose(contract -> {
          ImageUploadReader imageReader = new ImageUploadReader(vertx, uploads,
              NodeCounter.named(vertx, "image-uploads"), config.uploadsMaxConcurrent(), privileges.settingsAccess(),
              callerIdPath, config.groupsHeader(), new CallerGroups(bus, config.directoryEnabled()));
          Router router = router(contract, raw, handlers, new BodyReader(contract, imageReader),
              new IdentityHeaders(callerIdPath.headerName(), config.groupsHeader()));
          // Pages outside the contract, for trying the service in a browser.
          if (config.kaleyraSimulated()) {
            new SimulatorJoinPage(bus).mount(router);
          }
          if (config.demoEnabled()) {
            DemoPage.mount(router);
          }
          server = vertx.createHttpServer(new HttpServerOptions()
              // HTTP/1.1 only: with h2c, a connection exists for us only once its first bytes arrive, so a silent
              // client would escape the connection cap and the request timeout.
              .setHttp2ClearTextEnabled(false)
              .setIdleTimeout((int) config.httpIdleTimeoutMs())
              .setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
          sweepTimer = vertx.setPeriodic(config.uploadsSweepIntervalMs(),
              tick -> uploads.sweep(System.currentTimeMillis() - config.uploadsSweepIntervalMs()));
          return server
              .connectionHandler(limits::connected)
              .requestHandler(request -> {
                limits.requested(request);
                router.handle(request);
              })
              .listen(port(config.httpPort()));
        })))
        .onSuccess(listening -> {
          LOG.info("HTTP API listening on port {}", listening.actualPort());
          if (config.demoEnabled()) {
            LOG.info("Demo page: http://localhost:{}{}/", listening.actualPort(), DemoPage.PATH);
          }
        });
  }

  private Router router(OpenAPIContract contract, JsonObject rawContract, Map<String, Handler<RoutingContext>> handlers,
      BodyReader bodies, IdentityHeaders identityHeaders) {
    // The body is read once, by the BodyReader (which enforces the size limits); the validator reads it from there.
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    RouterBuilder builder = RouterBuilder.create(vertx, contract, extractor);
    builder.rootHandler(bodies);
    builder.rootHandler(new MediaTypeCheck(contract));
    StorableInput storable = new StorableInput();
    for (Operation operation : contract.operations()) {
      Handler<RoutingContext> handler = handlers.get(operation.getOperationId());
      if (handler == null) {
        throw new IllegalStateException("openapi.yaml has an operation without a handler: " + operation.getOperationId());
      }
      OpenAPIRoute route = builder.getRoute(operation.getOperationId());
      if (!SettingsHandlers.UPLOAD_OPERATION.equals(operation.getOperationId())) {
        // Validated from the contract on the event loop instead of by the router (RequestValidation says why).
        route.setDoValidation(false)
            .addHandler(new RequestValidation(operation, contract.getSchemaRepository(), extractor));
      }
      route.addHandler(storable).addHandler(handler);
    }
    // The image is checked by SettingsHandlers: the validator would buffer the whole multipart body in memory.
    builder.getRoute(SettingsHandlers.UPLOAD_OPERATION).setDoValidation(false);
    Router router = builder.createRouter();
    // Before every other route: the request id exists even for requests refused by body limits or validation.
    router.route().order(-1).handler(HttpVerticle::requestId);
    // Still before the body is read: a request with two identities is refused, on every operation that reads them.
    router.route().order(-1).handler(identityHeaders);
    router.route().order(-1).handler(new AccessLog(contract));
    ProblemHandler problems = new ProblemHandler();
    router.route().failureHandler(problems);
    DocumentationRoutes.mount(router, rawContract);
    router.errorHandler(404, rc -> new Problem(404, dotSegmentId(rc)
        .map(TeleconsultationId::notFound)
        .orElse("No operation at " + rc.request().method() + " " + rc.normalizedPath()))
        .send(rc.response()));
    router.errorHandler(405, rc -> new Problem(405, "Method not allowed on " + rc.normalizedPath()).send(rc.response()));
    return router;
  }

  /**
   * The router resolves dot segments before matching, so {@code /teleconsultation/%2e%2e} is routed as {@code /}.
   * Such an id is answered as any other unknown one (the original service's 404 message), not as an unknown operation.
   */
  private static java.util.Optional<String> dotSegmentId(RoutingContext rc) {
    String raw = rc.request().path();
    String prefix = "/teleconsultation/";
    if (raw == null || !raw.startsWith(prefix) || raw.equals(rc.normalizedPath())) {
      return java.util.Optional.empty();
    }
    String segment = raw.substring(prefix.length()).split("/", -1)[0];
    try {
      String id = java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      return id.equals(".") || id.equals("..") ? java.util.Optional.of(id) : java.util.Optional.empty();
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /** Takes the client's x-request-id (or makes one), keeps it for the logs and the bus, and returns it. */
  private static void requestId(RoutingContext rc) {
    String requestId = RequestContext.acceptOrGenerate(rc.request().getHeader(RequestContext.REQUEST_ID_HEADER));
    RequestContext.setRequestId(requestId);
    rc.response().putHeader(RequestContext.REQUEST_ID_HEADER, requestId);
    rc.next();
  }

  /**
   * Stops accepting connections, lets the requests in flight finish (up to {@code SHUTDOWN_TIMEOUT_MS}), then
   * closes: in a rolling update no request is cut mid-way.
   */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return server == null ? Future.succeededFuture() : server.shutdown(shutdownTimeoutMs, TimeUnit.MILLISECONDS);
  }


  /**
   * The port to listen on. Several instances share one port; on port 0 each would get its own random port, so they
   * ask for a negative one instead, which Vert.x reads as one random port shared by the servers asking for the same
   * negative number: this deployment's.
   */
  private int port(int configured) {
    if (configured != 0 || context.getInstanceCount() < 2) {
      return configured;
    }
    return -1 - Math.floorMod(context.deploymentID().hashCode(), 65_535);
  }

  /** The port actually listened on (useful when HTTP_PORT is 0). */
  public int port() {
    return server.actualPort();
  }
}
