package io.teleconsultation.store;

import io.teleconsultation.bus.TeleconsultationJson;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.Schedule;
import io.teleconsultation.domain.Teleconsultation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Rows ↔ records for teleconsultations and the Kaleyra users they refer to. */
public class TeleconsultationRepository {

  /** A Kaleyra user we know, by external user id. */
  public record KaleyraUser(String externalId, String kaleyraId, String role) {}

  private final Pool pool;

  public TeleconsultationRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> ping() {
    return pool.query(SqlQueries.PING).execute().mapEmpty();
  }

  public Future<List<KaleyraUser>> findUsers(List<String> externalIds) {
    return pool.preparedQuery(SqlQueries.FIND_USERS)
        .execute(Tuple.of(externalIds.toArray(String[]::new)))
        .map(rows -> {
          List<KaleyraUser> users = new java.util.ArrayList<>();
          for (Row row : rows) {
            users.add(new KaleyraUser(row.getString("external_id"), row.getString("kaleyra_id"), row.getString("role")));
          }
          return users;
        });
  }

  public Future<Void> saveUser(KaleyraUser user) {
    return pool.preparedQuery(SqlQueries.SAVE_USER)
        .execute(Tuple.of(user.externalId(), user.kaleyraId(), user.role()))
        .mapEmpty();
  }

  /** Stores a new teleconsultation and, in the same transaction, releases the lease on its new room. */
  public Future<Void> insert(Teleconsultation t) {
    return pool.withTransaction(connection -> connection.preparedQuery(SqlQueries.INSERT_TELECONSULTATION)
        .execute(row(t))
        .compose(inserted -> forgetCleanup(connection, t.roomId())));
  }

  /**
   * Stores a change if {@code t.version()} is still the stored version. In the same transaction the new room's
   * lease is released and the room left behind, if any, is queued for deletion.
   *
   * @return false when a concurrent change won, or the immutable period began meanwhile (nothing was written)
   */
  public Future<Boolean> update(Teleconsultation t, String previousRoomId, long immutablePeriodMs) {
    return pool.withTransaction(connection -> connection.preparedQuery(SqlQueries.UPDATE_TELECONSULTATION)
        .execute(row(t).addInteger(t.version()).addLong(immutablePeriodMs))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.succeededFuture(false);
          }
          boolean roomLeft = previousRoomId != null && !previousRoomId.equals(t.roomId());
          return forgetCleanup(connection, t.roomId())
              .compose(v -> roomLeft ? recordCleanup(connection, previousRoomId, "replaced") : Future.succeededFuture())
              .map(true);
        }));
  }

  /**
   * Marks the teleconsultation deleted if {@code version} is still current, and queues its room for deletion in the
   * same transaction.
   *
   * @return false when a concurrent change won (nothing was written)
   */
  public Future<Boolean> delete(String id, int version, String roomId) {
    return pool.withTransaction(connection -> connection.preparedQuery(SqlQueries.DELETE_TELECONSULTATION)
        .execute(Tuple.of(id, version))
        .compose(rows -> rows.rowCount() == 0
            ? Future.succeededFuture(false)
            : (roomId == null ? Future.<Void>succeededFuture() : recordCleanup(connection, roomId, "deleted")).map(true)));
  }

  private static Future<Void> forgetCleanup(SqlConnection connection, String roomId) {
    return roomId == null
        ? Future.succeededFuture()
        : connection.preparedQuery(SqlQueries.FORGET_CLEANUP).execute(Tuple.of(roomId)).mapEmpty();
  }

  private static Future<Void> recordCleanup(SqlConnection connection, String roomId, String reason) {
    return connection.preparedQuery(SqlQueries.RECORD_CLEANUP).execute(Tuple.of(roomId, reason, 0L)).mapEmpty();
  }

  private static Tuple row(Teleconsultation t) {
    Schedule schedule = t.schedule();
    return Tuple.tuple()
        .addString(t.id())
        .addInteger(t.participantsNumber())
        .addOffsetDateTime(utc(schedule.start()))
        .addOffsetDateTime(utc(schedule.end()))
        .addInteger(schedule.requestedDurationSeconds())
        .addString(t.roomId())
        .addValue(participantsJson(t.participants()));
  }

  public Future<Optional<Teleconsultation>> findLive(String id) {
    return pool.preparedQuery(SqlQueries.FIND_LIVE_TELECONSULTATION)
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(teleconsultation(rows.iterator().next())));
  }

  private static Teleconsultation teleconsultation(Row row) {
    JsonArray participants = (JsonArray) row.getValue("participants");
    return new Teleconsultation(
        row.getString("id"),
        row.getInteger("participants_number"),
        new Schedule(
            row.getOffsetDateTime("start_date").toInstant(),
            row.getOffsetDateTime("end_date").toInstant(),
            row.getInteger("duration_in_seconds")),
        row.getString("room_id"),
        participants.stream().map(JsonObject.class::cast).map(TeleconsultationJson::participant).toList(),
        row.getInteger("version"));
  }

  static JsonArray participantsJson(List<Participant> participants) {
    return new JsonArray(participants.stream().map(TeleconsultationJson::toJson).toList());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
