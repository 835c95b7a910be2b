package io.teleconsultation.store;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusEndpoint;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.bus.TeleconsultationJson;
import io.teleconsultation.config.DatabaseUrl;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.domain.TeleconsultationId;
import io.teleconsultation.store.TeleconsultationRepository.KaleyraUser;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns PostgreSQL: starts the embedded server when no {@code DATABASE_URL} is given, runs the migrations, and
 * answers the {@code store.*} addresses (docs/event-bus.md).
 */
public class PersistenceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PersistenceVerticle.class);

  private EmbeddedDatabase embedded;
  private Pool pool;
  private TeleconsultationRepository repository;
  private RoomCleanupRepository cleanups;
  private IdempotencyRepository idempotency;
  private RetentionRepository retention;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private long queryTimeoutMs;

  @Override
  public Future<?> start() {
    ServiceConfig config = new ServiceConfig(config());
    queryTimeoutMs = config.databaseQueryTimeoutMs();
    return databaseUrl(config)
        .compose(url -> vertx.executeBlocking(() -> Migrations.migrate(url))
            .map(executed -> {
              LOG.info("Database {} ready ({} migration(s) applied)", url, executed);
              return url;
            }))
        .compose(url -> {
          pool = PgBuilder.pool()
              // Fail fast when PostgreSQL is down: a request should get a 503 in seconds, not hang.
              .with(new PoolOptions()
                  .setName("teleconsultations")
                  .setMaxSize(config.databasePoolSize())
                  .setConnectionTimeout(3)
                  .setConnectionTimeoutUnit(TimeUnit.SECONDS))
              .with(new NetClientOptions().setConnectTimeout(2000))
              .connectingTo(DatabaseTls.apply(url, new PgConnectOptions()
                  .setHost(url.host())
                  .setPort(url.port())
                  .setDatabase(url.database())
                  .setUser(url.user())
                  .setPassword(url.password())
                  // A statement running longer is cancelled by PostgreSQL itself (SQLSTATE 57014: a 503).
                  .addProperty("statement_timeout", String.valueOf(queryTimeoutMs))))
              .using(vertx)
              .build();
          repository = new TeleconsultationRepository(pool);
          cleanups = new RoomCleanupRepository(pool);
          idempotency = new IdempotencyRepository(pool);
          retention = new RetentionRepository(pool);
          registerConsumers();
          return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
        });
  }

  private Future<DatabaseUrl> databaseUrl(ServiceConfig config) {
    DatabaseUrl configured = config.databaseUrl();
    if (configured != null) {
      return Future.succeededFuture(configured);
    }
    LOG.info("No DATABASE_URL: starting an embedded PostgreSQL with its data under {}", config.dataDir());
    return vertx.executeBlocking(() -> {
      embedded = EmbeddedDatabase.start(config.dataDir());
      return embedded.url();
    });
  }

  private void registerConsumers() {
    consume(Addresses.STORE_STATUS, body -> repository.ping()
        .map(v -> new JsonObject().put("status", "OK").put("mode", mode()))
        .recover(err -> Future.succeededFuture(new JsonObject()
            .put("status", "KO").put("mode", mode()).put("detail", "Database unreachable"))));
    consume(Addresses.STORE_USERS_FIND, body -> repository
        .findUsers(body.getJsonArray("externalIds").stream().map(String::valueOf).toList())
        .map(users -> new JsonObject().put("users", new JsonArray(users.stream()
            .map(u -> new JsonObject()
                .put("externalId", u.externalId()).put("kaleyraUserId", u.kaleyraId()).put("role", u.role()))
            .toList()))));
    consume(Addresses.STORE_USERS_SAVE, body -> repository
        .saveUser(new KaleyraUser(body.getString("externalId"), body.getString("kaleyraUserId"), body.getString("role")))
        .map(v -> new JsonObject()));
    consume(Addresses.STORE_TELECONSULTATION_INSERT, body -> repository
        .insert(TeleconsultationJson.teleconsultation(body))
        .map(v -> new JsonObject().put("id", body.getString("id"))));
    consume(Addresses.STORE_TELECONSULTATION_UPDATE, body -> repository
        .update(TeleconsultationJson.teleconsultation(body), body.getString("previousRoomId"),
            body.getLong("immutablePeriodMs", 0L))
        .compose(updated -> updated ? Future.succeededFuture(new JsonObject()) : Future.failedFuture(concurrentChange())));
    consume(Addresses.STORE_TELECONSULTATION_DELETE, body -> repository
        .delete(body.getString("id"), body.getInteger("version"), body.getString("roomId"))
        .compose(deleted -> deleted ? Future.succeededFuture(new JsonObject()) : Future.failedFuture(concurrentChange())));
    consume(Addresses.STORE_CLEANUP_RECORD, body -> cleanups
        .record(body.getString("roomId"), body.getString("reason"), body.getLong("delayMs", 0L))
        .map(v -> new JsonObject()));
    consume(Addresses.STORE_CLEANUP_FORGET, body -> cleanups.forget(body.getString("roomId")).map(v -> new JsonObject()));
    consume(Addresses.STORE_CLEANUP_DUE, body -> cleanups.due(body.getInteger("limit", 50))
        .map(due -> new JsonObject().put("rooms", due)));
    consume(Addresses.STORE_CLEANUP_RETRY, body -> cleanups
        .retryLater(body.getString("roomId"), body.getString("error"))
        .map(v -> new JsonObject()));
    consume(Addresses.STORE_CLEANUP_PENDING, body -> cleanups.pending().map(n -> new JsonObject().put("pending", n)));
    consume(Addresses.STORE_IDEMPOTENCY_CLAIM, body -> idempotency.claim(
        body.getString("key"), body.getString("operation"), body.getString("requestHash"), body.getLong("ttlMs")));
    consume(Addresses.STORE_IDEMPOTENCY_COMPLETE, body -> idempotency
        .complete(body.getString("key"), body.getString("operation"), body.getInteger("status"), body.getJsonObject("response"))
        .map(v -> new JsonObject()));
    consume(Addresses.STORE_IDEMPOTENCY_RELEASE, body -> idempotency
        .release(body.getString("key"), body.getString("operation"))
        .map(v -> new JsonObject()));
    consume(Addresses.STORE_RETENTION_ERASE, body -> retention.erase(body.getInteger("days"), body.getInteger("limit")));
    consume(Addresses.STORE_IDEMPOTENCY_PURGE, body -> idempotency.purgeExpired().map(v -> new JsonObject()));
    consume(Addresses.STORE_TELECONSULTATION_GET, body -> repository
        .findLive(body.getString("id"))
        .compose(found -> found
            .map(t -> Future.succeededFuture(TeleconsultationJson.toJson(t)))
            .orElseGet(() -> Future.failedFuture(
                BusFailure.of(BusFailure.NOT_FOUND, TeleconsultationId.notFound(body.getString("id")))))));
  }

  private static BusFailure.ClientFacing concurrentChange() {
    return BusFailure.of(BusFailure.CONFLICT,
        "The teleconsultation was changed or deleted by another request at the same time, or can no longer be "
            + "changed; read it again");
  }

  private String mode() {
    return embedded != null ? "embedded" : "external";
  }

  /**
   * Every request also gets a client-side deadline: a frozen PostgreSQL (or a network that drops packets) never
   * answers, and statement_timeout needs a server that runs. Past it the caller gets a 503, as for a database down.
   */
  private void consume(String address, Function<JsonObject, Future<JsonObject>> handler) {
    consumers.add(BusEndpoint.register(vertx, address,
        body -> handler.apply(body).timeout(queryTimeoutMs, TimeUnit.MILLISECONDS),
        DatabaseFailures::asClientFacing));
  }


  @Override
  public Future<?> stop() {
    Future<Void> closed = pool != null ? pool.close() : Future.succeededFuture();
    return closed.compose(v -> embedded == null
        ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          embedded.close();
          return null;
        }));
  }
}
