package io.teleconsultation;

import io.teleconsultation.cluster.ClusterNode;
import io.teleconsultation.config.ConfigurationLoader;
import io.teleconsultation.config.LogLevels;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.importer.ImportCommand;
import io.teleconsultation.observability.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the service: {@code java -jar target/teleconsultation-service-backend.jar}; or, with {@code import …}, runs
 * the import of the original service's data ({@link ImportCommand}) and exits.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  /** A clustered Vert.x when CLUSTER_ENABLED=true, else a standalone one. Blocking: runs before any verticle. */
  private static Vertx vertx() {
    Vertx bootstrap = Vertx.vertx();
    ServiceConfig config;
    try {
      config = ConfigurationLoader.load(bootstrap, new JsonObject()).await();
    } finally {
      bootstrap.close().await();
    }
    LogLevels.apply(config.logLevel());
    if (!config.clusterEnabled()) {
      return Vertx.vertx(Metrics.enable(new VertxOptions()));
    }
    LOG.info("Joining the cluster '{}' as {} (event bus over TLS with member certificates: {})",
        config.clusterName(), config.clusterHost(), config.clusterTlsEnabled() ? "yes" : "NO");
    return ClusterNode.start(config).await();
  }

  public static void main(String[] args) {
    if (args.length > 0 && ImportCommand.NAME.equals(args[0])) {
      System.exit(ImportCommand.main(java.util.Arrays.asList(args).subList(1, args.length)));
      return;
    }
    Vertx vertx;
    try {
      vertx = vertx();
    } catch (RuntimeException e) {
      LOG.error("The service could not start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    MainVerticle main = new MainVerticle();
    vertx.deployVerticle(main)
        // SIGTERM (a rolling update, Ctrl-C): stop in order, letting requests in flight finish, then close.
        .onSuccess(id -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          LOG.info("Shutting down: no new requests, finishing those in flight");
          main.shutdown().eventually(vertx::close).await();
        })))
        .onFailure(err -> {
          LOG.error("The service could not start: {}", err.getMessage(), err);
          vertx.close().onComplete(closed -> System.exit(1));
        });
  }
}
