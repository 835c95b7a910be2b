package io.teleconsultation;

import io.teleconsultation.api.HttpVerticle;
import io.teleconsultation.config.ConfigurationLoader;
import io.teleconsultation.config.PrivilegesConfig;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.config.UnappliedSettings;
import io.teleconsultation.directory.DirectoryVerticle;
import io.teleconsultation.kaleyra.KaleyraVerticle;
import io.teleconsultation.kaleyra.simulator.KaleyraSimulatorVerticle;
import io.teleconsultation.kaleyra.simulator.SimulatorOptions;
import io.teleconsultation.store.PersistenceVerticle;
import io.teleconsultation.workflow.RetentionVerticle;
import io.teleconsultation.workflow.RoomDetailsCache;
import io.teleconsultation.workflow.RoomReaperVerticle;
import io.teleconsultation.workflow.TeleconsultationVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration and deploys the verticles of this node's roles ({@code VERTICLES}): {@code persistence},
 * {@code kaleyra}, {@code http} (the HTTP edge, the use cases it calls and, with {@code AUTH_SERVICE}, the user
 * directory they ask). Its own deployment config, if any,
 * overrides every other configuration source.
 */
public class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  public static final String ROLE_HTTP = "http";
  public static final String ROLE_KALEYRA = "kaleyra";
  public static final String ROLE_PERSISTENCE = "persistence";
  private static final List<String> ROLES = List.of(ROLE_HTTP, ROLE_KALEYRA, ROLE_PERSISTENCE);

  /** This node's HTTP verticle instances, in the order Vert.x made them: they all listen on one port. */
  private final List<HttpVerticle> edges = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** This node's deployments, in deployment order. */
  private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public Future<?> start() {
    return ConfigurationLoader.load(vertx, config()).compose(this::deploy);
  }

  private Future<?> deploy(ServiceConfig config) {
    List<String> roles = config.verticles();
    for (String role : roles) {
      if (!ROLES.contains(role)) {
        return Future.failedFuture(new IllegalArgumentException(
            "VERTICLES lists an unknown role '" + role + "'; known roles: " + ROLES));
      }
    }
    DeploymentOptions options = new DeploymentOptions().setConfig(config.raw());
    Future<?> deployed = warnAboutUnappliedSettings(config);
    if (roles.contains(ROLE_PERSISTENCE)) {
      deployed = deployed
          .compose(v -> deploy(new PersistenceVerticle(), options))
          .compose(v -> deploy(new RoomReaperVerticle(), options))
          .compose(v -> deploy(new RetentionVerticle(), options));
    }
    if (roles.contains(ROLE_KALEYRA)) {
      deployed = deployed.compose(v -> deployKaleyra(config, options));
    }
    if (roles.contains(ROLE_HTTP)) {
      if (config.directoryEnabled()) {
        // The use cases ask it for participants' names and groups (AUTH_SERVICE): deployed before them.
        deployed = deployed.compose(v -> deploy(new DirectoryVerticle(), options));
      }
      // The edge on every core (HTTP_INSTANCES): Vert.x spreads the connections over the HTTP instances and the
      // bus requests over the use-case instances. The use-case instances share one room details cache, so that a
      // room costs one Kaleyra call per ROOM_DETAILS_TTL_MS on this node, whatever the number of instances.
      DeploymentOptions several = new DeploymentOptions(options).setInstances(config.httpInstances());
      RoomDetailsCache roomDetails = new RoomDetailsCache(config.roomDetailsTtlMs());
      deployed = deployed
          .compose(v -> deploy(() -> new TeleconsultationVerticle(roomDetails), several))
          .compose(v -> deploy(() -> {
            HttpVerticle edge = new HttpVerticle();
            edges.add(edge);
            return edge;
          }, several));
    }
    return deployed.onSuccess(v -> LOG.info("Started roles {}", roles));
  }

  /** Never silently drops a setting of the original service: names those that have no effect here. */
  private Future<Void> warnAboutUnappliedSettings(ServiceConfig config) {
    return PrivilegesConfig.load(vertx, config.teleconsultationConfigPath())
        .map(PrivilegesConfig::raw)
        // An unreadable config fails the deployment of the use cases, with its own message.
        .otherwise(new io.vertx.core.json.JsonObject())
        .map(json -> {
          String unapplied = UnappliedSettings.describe(System.getenv(), json);
          if (!unapplied.isEmpty()) {
            LOG.warn(unapplied);
          }
          return null;
        });
  }

  private Future<String> deployKaleyra(ServiceConfig config, DeploymentOptions options) {
    if (!config.kaleyraSimulated()) {
      return deploy(new KaleyraVerticle(config.kaleyraBaseUrl(), config.kaleyraApiKey(), false), options);
    }
    LOG.warn("*** No BANDYER_BASE_URL / BANDYER_API_SECRET_KEY: using the built-in Kaleyra SIMULATOR. "
        + "No real video call can take place. ***");
    // The simulator and our client share a throw-away key, so that the client still proves it sends one.
    String key = UUID.randomUUID().toString();
    // Its rooms are kept under DATA_DIR, like the embedded database that points to them.
    KaleyraSimulatorVerticle simulator = new KaleyraSimulatorVerticle(
        SimulatorOptions.onFreePort(key, config.simulatorLinkBaseUrl()).keepingStateUnder(config.dataDir()));
    return deploy(simulator, options)
        .compose(v -> deploy(new KaleyraVerticle(simulator.baseUrl(), key, true), options));
  }

  private Future<String> deploy(io.vertx.core.Deployable verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle, options).onSuccess(deployments::add);
  }

  private Future<String> deploy(Supplier<io.vertx.core.Deployable> instances, DeploymentOptions options) {
    return vertx.deployVerticle(instances, options).onSuccess(deployments::add);
  }

  /**
   * Stops this node in the reverse order of its start, one verticle after the other: the HTTP edge first (it
   * stops accepting and finishes what is in flight), the database last. Undeploying this verticle alone would stop
   * its children all at once, closing the pool under requests that are still running.
   */
  public Future<Void> shutdown() {
    Future<Void> stopped = Future.succeededFuture();
    List<String> reversed = new java.util.ArrayList<>(deployments);
    java.util.Collections.reverse(reversed);
    for (String id : reversed) {
      stopped = stopped.compose(v -> vertx.undeploy(id)).andThen(done -> deployments.remove(id));
    }
    return stopped;
  }

  /** The HTTP port actually listened on; -1 when this node does not run the http role. */
  public int httpPort() {
    return edges.isEmpty() ? -1 : edges.get(0).port();
  }
}
