package io.teleconsultation.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** The durable queue of Kaleyra rooms to delete (table room_cleanups). */
public class RoomCleanupRepository {

  private final Pool pool;

  public RoomCleanupRepository(Pool pool) {
    this.pool = pool;
  }

  /** Queues a room for deletion in {@code delayMs} (0: at once); a room already queued keeps the earlier time. */
  public Future<Void> record(String roomId, String reason, long delayMs) {
    return pool.preparedQuery(SqlQueries.RECORD_CLEANUP).execute(Tuple.of(roomId, reason, delayMs)).mapEmpty();
  }

  public Future<Void> forget(String roomId) {
    return pool.preparedQuery(SqlQueries.FORGET_CLEANUP).execute(Tuple.of(roomId)).mapEmpty();
  }

  /** Up to {@code limit} rooms whose deletion is due: {@code [{roomId, reason, attempts}]}. */
  public Future<JsonArray> due(int limit) {
    return pool.query(SqlQueries.FORGET_CLEANUPS_IN_USE).execute()
        .compose(forgotten -> pool.preparedQuery(SqlQueries.DUE_CLEANUPS).execute(Tuple.of(limit)))
        .map(rows -> {
      JsonArray due = new JsonArray();
      for (Row row : rows) {
        due.add(new JsonObject()
            .put("roomId", row.getString("room_id"))
            .put("reason", row.getString("reason"))
            .put("attempts", row.getInteger("attempts")));
      }
      return due;
    });
  }

  public Future<Void> retryLater(String roomId, String error) {
    return pool.preparedQuery(SqlQueries.RETRY_CLEANUP).execute(Tuple.of(roomId, error)).mapEmpty();
  }

  public Future<Long> pending() {
    return pool.query(SqlQueries.COUNT_CLEANUPS).execute().map(rows -> rows.iterator().next().getLong("pending"));
  }
}
