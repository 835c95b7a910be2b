package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusEndpoint;
import io.teleconsultation.config.ServiceConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention: every {@code RETENTION_INTERVAL_MS}, erases the names, external user ids, Kaleyra user ids and join
 * links of teleconsultations deleted or ended more than {@code RETENTION_DAYS} ago (their row stays, for audit).
 * Deployed with the persistence role; a cluster-wide lock lets one node run at a time.
 */
public class RetentionVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionVerticle.class);

  static final String LOCK = "teleconsultation.retention";
  private static final int BATCH = 500;

  private BusClient bus;
  private int retentionDays;
  private long timer;

  @Override
  public Future<?> start() {
    ServiceConfig config = new ServiceConfig(config());
    bus = new BusClient(vertx, config.eventBusTimeoutMs());
    retentionDays = config.retentionDays();
    timer = vertx.setPeriodic(config.retentionIntervalMs(), tick -> runWithLock()
        .onFailure(err -> LOG.debug("Retention run skipped: {}", err.getMessage())));
    return BusEndpoint.register(vertx, Addresses.RETENTION_RUN, request -> runWithLock()).completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** When another node holds the lock, this run is skipped. */
  private Future<JsonObject> runWithLock() {
    return vertx.sharedData().getLockWithTimeout(LOCK, 1000).compose(lock -> erase(0, 0).eventually(() -> {
      lock.release();
      return Future.succeededFuture();
    }));
  }

  /** Batch after batch until one comes back short. */
  private Future<JsonObject> erase(long erasedSoFar, long forgottenSoFar) {
    return bus.request(Addresses.STORE_RETENTION_ERASE, new JsonObject().put("days", retentionDays).put("limit", BATCH))
        .compose(batch -> {
          long erased = erasedSoFar + batch.getLong("erased");
          long forgotten = forgottenSoFar + batch.getLong("forgottenUsers");
          if (batch.getLong("erased") >= BATCH) {
            return erase(erased, forgotten);
          }
          if (erased > 0) {
            LOG.info("Retention: personal data of {} teleconsultation(s) older than {} days erased, {} user id(s) forgotten",
                erased, retentionDays, forgotten);
          }
          return Future.succeededFuture(new JsonObject().put("erased", erased).put("forgottenUsers", forgotten));
        });
  }
}
