package io.teleconsultation.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Erases the personal data of old teleconsultations (SqlQueries.ERASE_PERSONAL_DATA). */
public class RetentionRepository {

  private final Pool pool;

  public RetentionRepository(Pool pool) {
    this.pool = pool;
  }

  /** One batch of at most {@code limit} teleconsultations: {@code {erased, forgottenUsers}}. */
  public Future<JsonObject> erase(int retentionDays, int limit) {
    return pool.preparedQuery(SqlQueries.ERASE_PERSONAL_DATA).execute(Tuple.of(retentionDays, limit))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new JsonObject()
              .put("erased", row.getLong("erased"))
              .put("forgottenUsers", row.getLong("forgotten_users"));
        });
  }
}
