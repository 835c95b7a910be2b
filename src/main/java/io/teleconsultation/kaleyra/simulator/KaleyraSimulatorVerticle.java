package io.teleconsultation.kaleyra.simulator;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory imitation of the Kaleyra Video v2 REST API (docs/kaleyra.md),
 * for running the service without a real Kaleyra key: users, rooms with join links, uploads, SDK
 * credentials and the company with its virtual backgrounds, validated like Kaleyra validates them.
 * It never fails on its own (no 429, no 5xx): fault behaviour is tested against WireMock.
 *
 * <p>Serves {@link #baseUrl()} ({@code http://host:port/v2}), plus two simulator-only routes outside
 * {@code /v2}:
 * <ul>
 *   <li>{@code POST /simulator/rooms/{room_id}/uploads} {@code {"name": "x.pdf"}} → 201: adds a fake
 *       file upload to a room, standing in for a participant sharing a file during a call
 *       (requires the {@code apikey} header like the API);</li>
 *   <li>{@code GET /simulator/backgrounds/{alias}.jpg}: the URL handed out for an uploaded virtual
 *       background; serves a placeholder image, without {@code apikey} since browsers load it.</li>
 * </ul>
 *
 * <p>All state lives in one {@link SimulatorState}, touched only from this verticle's event loop. With a
 * {@linkplain SimulatorOptions#stateFile() state file} it is read at start and saved after every change
 * ({@link SimulatorStateFile}), so that rooms survive a restart. The simulator also answers
 * {@code kaleyra.simulator.link} on the event bus: what a join link leads to, for the page the service serves
 * at the link's address.
 */
public class KaleyraSimulatorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(KaleyraSimulatorVerticle.class);

  static final String API_KEY_HEADER = "apikey";
  static final String API_PREFIX = "/v2";
  static final long MAX_JSON_BODY_BYTES = 1024 * 1024;
  /** Multipart uploads are streamed here, measured, then deleted. */
  static final String UPLOADS_DIRECTORY =
      Path.of(System.getProperty("java.io.tmpdir"), "kaleyra-simulator-uploads").toString();

  private final SimulatorOptions options;
  private final SimulatorState state;
  private final Clock clock;
  private final byte[] apiKey;
  private final SimulatorIds ids = new SimulatorIds();

  private HttpServer server;
  private SimulatorStateFile stateFile;
  private volatile int port = -1;

  public KaleyraSimulatorVerticle(SimulatorOptions options) {
    this(options, new SimulatorState(), Clock.systemUTC());
  }

  /**
   * A simulator over a given state (pre-filled for a demo, or restored from storage) and clock. The
   * verticle's event loop becomes the only one to touch {@code state}.
   */
  public KaleyraSimulatorVerticle(SimulatorOptions options, SimulatorState state, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.state = Objects.requireNonNull(state, "state");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.apiKey = options.apiKey().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Future<?> start() {
    Router router = router();
    return vertx.fileSystem().mkdirs(UPLOADS_DIRECTORY)
        .compose(created -> vertx.createHttpServer(new HttpServerOptions()
                .setHost(options.host())
                .setPort(options.port()))
            .requestHandler(router)
            .listen())
        .compose(listening -> {
          server = listening;
          port = listening.actualPort();
          // Read only now because background URLs contain the port. Nothing can call in the meantime: the
          // client learns the port only once this start has completed.
          return loadState();
        })
        .compose(loaded -> BusEndpoint.register(vertx, Addresses.KALEYRA_SIMULATOR_LINK,
            new JoinLinkLookup(state)::describe).completion())
        .onSuccess(registered ->
            LOG.info("Kaleyra SIMULATOR listening on {} — no real video calls are made", baseUrl()));
  }

  private Future<Void> loadState() {
    if (options.stateFile() == null) {
      return Future.succeededFuture();
    }
    stateFile = new SimulatorStateFile(vertx, options.stateFile(), clock);
    return stateFile.load(state, alias -> CompanyRoutes.backgroundUrl(serverRoot(), alias));
  }

  /** Stops listening, then waits until the last change is saved. */
  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.eventually(() -> stateFile == null ? Future.succeededFuture() : stateFile.flush());
  }

  /** The port the simulator listens on. @throws IllegalStateException before it has started */
  public int port() {
    int listening = port;
    if (listening < 0) {
      throw new IllegalStateException("the Kaleyra simulator is not listening yet");
    }
    return listening;
  }

  /** The Kaleyra v2 base URL to configure the client with, {@code http://<host>:<port>/v2}. */
  public String baseUrl() {
    return serverRoot() + API_PREFIX;
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().failureHandler(SimulatorReplies::failure);
    router.errorHandler(404, SimulatorReplies::noRoute);
    router.errorHandler(405, SimulatorReplies::noRoute);

    // The key is checked before any body is read, so a refused upload is never written to disk.
    router.route(API_PREFIX + "/*").handler(this::requireApiKey);
    router.route("/simulator/rooms/*").handler(this::requireApiKey);

    BodyHandler jsonBody = BodyHandler.create(false).setBodyLimit(MAX_JSON_BODY_BYTES);
    BodyHandler uploadBody = BodyHandler.create(UPLOADS_DIRECTORY)
        .setBodyLimit(CompanyRoutes.MAX_BACKGROUND_REQUEST_BYTES)
        .setDeleteUploadedFilesOnEnd(true);

    new UserRoutes(state).mount(router, jsonBody);
    new RoomRoutes(state, clock, ids, options.linkBaseUrl()).mount(router, jsonBody);
    new CredentialRoutes(state, clock).mount(router, jsonBody);
    new CompanyRoutes(state, clock, ids, this::serverRoot).mount(router, jsonBody, uploadBody);
    return router;
  }

  private void requireApiKey(RoutingContext rc) {
    String given = rc.request().getHeader(API_KEY_HEADER);
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), apiKey)) {
      throw SimulatorReplies.unauthorized();
    }
    rc.next();
  }

  /** {@code http://host:port}, with a wildcard bind address shown as {@code localhost}. */
  private String serverRoot() {
    String host = options.host();
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      host = "localhost";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }
}
