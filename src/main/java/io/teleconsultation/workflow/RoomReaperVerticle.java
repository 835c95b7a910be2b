package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusEndpoint;
import io.teleconsultation.config.ServiceConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the Kaleyra rooms queued in the cleanup table until Kaleyra agrees (each failure pushes the next try
 * further, up to an hour), and purges expired idempotency keys. Every node may deploy it; a cluster-wide lock from
 * Vert.x shared data makes sure one sweep runs at a time.
 */
public class RoomReaperVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RoomReaperVerticle.class);

  static final String LOCK = "teleconsultation.room-reaper";
  private static final int BATCH = 50;

  private BusClient bus;
  private long timer;

  @Override
  public Future<?> start() {
    ServiceConfig config = new ServiceConfig(config());
    bus = new BusClient(vertx, config.eventBusTimeoutMs());
    timer = vertx.setPeriodic(config.reaperIntervalMs(), tick -> sweepIfFree());
    return BusEndpoint.register(vertx, Addresses.REAPER_RUN, request -> sweepWithLock()).completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void sweepIfFree() {
    sweepWithLock().onFailure(err -> LOG.debug("Reaper sweep skipped: {}", err.getMessage()));
  }

  /** Waits briefly for the lock: when another node is sweeping, this sweep is simply skipped. */
  private Future<JsonObject> sweepWithLock() {
    return vertx.sharedData().getLockWithTimeout(LOCK, 1000).compose(lock -> sweep().eventually(() -> {
      lock.release();
      return Future.succeededFuture();
    }));
  }

  private Future<JsonObject> sweep() {
    AtomicInteger deleted = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    return bus.request(Addresses.STORE_CLEANUP_DUE, new JsonObject().put("limit", BATCH))
        .compose(due -> {
          List<Future<Void>> attempts = new ArrayList<>();
          for (Object item : due.getJsonArray("rooms")) {
            String roomId = ((JsonObject) item).getString("roomId");
            JsonObject room = new JsonObject().put("roomId", roomId);
            attempts.add(bus.request(Addresses.KALEYRA_ROOM_DELETE, room)
                .compose(ok -> bus.request(Addresses.STORE_CLEANUP_FORGET, room))
                .onSuccess(ok -> deleted.incrementAndGet())
                .<Void>mapEmpty()
                .recover(err -> {
                  failed.incrementAndGet();
                  return bus.request(Addresses.STORE_CLEANUP_RETRY, room.copy().put("error", err.getMessage()))
                      .<Void>mapEmpty()
                      .otherwiseEmpty();
                }));
          }
          return Future.join(attempts);
        })
        .compose(all -> bus.request(Addresses.STORE_IDEMPOTENCY_PURGE, new JsonObject()))
        .map(purged -> {
          if (deleted.get() + failed.get() > 0) {
            LOG.info("Reaper: {} queued room(s) deleted, {} to retry later", deleted.get(), failed.get());
          }
          return new JsonObject().put("deleted", deleted.get()).put("failed", failed.get());
        });
  }
}
