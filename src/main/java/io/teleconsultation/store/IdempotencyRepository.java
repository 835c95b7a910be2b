package io.teleconsultation.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Idempotency keys of creation requests (table idempotency_keys), shared by every instance. */
public class IdempotencyRepository {

  private final Pool pool;

  public IdempotencyRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Claims the key for this request, or tells what holds it.
   *
   * @return {@code {"claimed": true}}, or {@code {"claimed": false, "requestHash", "status", "response"}} where a
   *     null status means the first request is still running
   */
  public Future<JsonObject> claim(String key, String operation, String requestHash, long ttlMs) {
    return pool.preparedQuery(SqlQueries.CLAIM_IDEMPOTENCY_KEY)
        .execute(Tuple.of(key, operation, requestHash, ttlMs))
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(new JsonObject().put("claimed", true))
            : pool.preparedQuery(SqlQueries.FIND_IDEMPOTENCY_KEY).execute(Tuple.of(key, operation)).map(found -> {
              Row row = found.iterator().next();
              return new JsonObject()
                  .put("claimed", false)
                  .put("requestHash", row.getString("request_hash"))
                  .put("status", row.getInteger("status"))
                  .put("response", row.getValue("response"));
            }));
  }

  public Future<Void> complete(String key, String operation, int status, JsonObject response) {
    return pool.preparedQuery(SqlQueries.COMPLETE_IDEMPOTENCY_KEY)
        .execute(Tuple.of(key, operation, status, response))
        .mapEmpty();
  }

  /** Frees a key whose request failed, so that the client can retry with it. */
  public Future<Void> release(String key, String operation) {
    return pool.preparedQuery(SqlQueries.RELEASE_IDEMPOTENCY_KEY).execute(Tuple.of(key, operation)).mapEmpty();
  }

  public Future<Void> purgeExpired() {
    return pool.query(SqlQueries.PURGE_IDEMPOTENCY_KEYS).execute().mapEmpty();
  }
}
