package io.teleconsultation.store;

import io.teleconsultation.config.DatabaseUrl;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.Role;
import io.teleconsultation.domain.Teleconsultation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The writes of the import command (README, "Migrating from the original service"), one transaction per record so
 * that a record is stored whole or not at all. It uses the same driver, SQL and row form as the persistence verticle,
 * on a pool of its own: the command runs alone, before the service is started on the same database. A dry run makes
 * every check and write, then rolls the transaction back.
 */
public final class ImportRepository {

  /** What became of one record. */
  public enum Outcome { IMPORTED, ALREADY_PRESENT }

  /** A record the database refuses (it contradicts what is stored), and why. */
  public static final class Conflict extends RuntimeException {
    public Conflict(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Carries a dry run's outcome out of the transaction it rolls back. */
  private static final class DryRun extends RuntimeException {
    private final Outcome outcome;

    DryRun(Outcome outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }
  }

  private final Pool pool;
  private final EmbeddedDatabase embedded;
  private final DatabaseUrl url;

  private ImportRepository(Pool pool, EmbeddedDatabase embedded, DatabaseUrl url) {
    this.pool = pool;
    this.embedded = embedded;
    this.url = url;
  }

  /**
   * Opens {@code DATABASE_URL}, or the embedded database under {@code DATA_DIR} (the service must not be running on
   * it meanwhile), and brings its schema up to date as the service would. Blocking: for the command only.
   */
  public static ImportRepository open(Vertx vertx, ServiceConfig config) throws Exception {
    DatabaseUrl url = config.databaseUrl();
    EmbeddedDatabase embedded = null;
    if (url == null) {
      embedded = EmbeddedDatabase.start(config.dataDir());
      url = embedded.url();
    }
    Migrations.migrate(url);
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setName("import").setMaxSize(1))
        .connectingTo(new PgConnectOptions()
            .setHost(url.host()).setPort(url.port()).setDatabase(url.database())
            .setUser(url.user()).setPassword(url.password()))
        .using(vertx)
        .build();
    return new ImportRepository(pool, embedded, url);
  }

  /** The database, password masked. */
  public String describe() {
    return (embedded != null ? "embedded " : "") + url;
  }

  /** The external id the database already maps to this Kaleyra user, if any. */
  public Future<Optional<String>> externalIdOf(String kaleyraUserId) {
    return pool.preparedQuery(SqlQueries.FIND_EXTERNAL_ID_OF).execute(Tuple.of(kaleyraUserId))
        .map(rows -> first(rows).map(row -> row.getString("external_id")));
  }

  /** Maps an external user id to its existing Kaleyra user; already mapped the same way counts as present. */
  public Future<Outcome> importUser(String externalId, String kaleyraUserId, Role role, boolean dryRun) {
    return inTransaction(dryRun, connection -> saveUser(connection, externalId, kaleyraUserId, role));
  }

  /**
   * Stores the teleconsultation with its id, room, Kaleyra users and links, and maps its participants' external ids
   * to their Kaleyra users. An id already stored counts as present (nothing is compared or changed).
   */
  public Future<Outcome> importTeleconsultation(Teleconsultation t, boolean deleted, Instant deletedAt, boolean dryRun) {
    return inTransaction(dryRun, connection -> connection.preparedQuery(SqlQueries.TELECONSULTATION_EXISTS)
        .execute(Tuple.of(t.id()))
        .compose(existing -> existing.size() > 0
            ? Future.succeededFuture(Outcome.ALREADY_PRESENT)
            : roomFree(connection, t, deleted)
                .compose(v -> saveUsers(connection, t.participants()))
                .compose(v -> connection.preparedQuery(SqlQueries.INSERT_IMPORTED_TELECONSULTATION)
                    .execute(row(t, deleted, deletedAt != null ? deletedAt : Instant.now())))
                .map(inserted -> inserted.rowCount() == 0 ? Outcome.ALREADY_PRESENT : Outcome.IMPORTED)));
  }

  private Future<Outcome> inTransaction(boolean dryRun, java.util.function.Function<SqlConnection, Future<Outcome>> work) {
    return pool.withTransaction(connection -> work.apply(connection)
            .compose(outcome -> dryRun ? Future.failedFuture(new DryRun(outcome)) : Future.succeededFuture(outcome)))
        .recover(err -> err instanceof DryRun dry ? Future.succeededFuture(dry.outcome) : Future.failedFuture(err));
  }

  private static Future<Void> roomFree(SqlConnection connection, Teleconsultation t, boolean deleted) {
    if (t.roomId() == null || deleted) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery(SqlQueries.LIVE_OWNER_OF_ROOM).execute(Tuple.of(t.roomId()))
        .compose(rows -> first(rows)
            .<Future<Void>>map(row -> Future.failedFuture(new Conflict("room '" + t.roomId()
                + "' already belongs to teleconsultation " + row.getString("id"))))
            .orElseGet(Future::succeededFuture));
  }

  private static Future<Void> saveUsers(SqlConnection connection, List<Participant> participants) {
    Future<Void> saved = Future.succeededFuture();
    for (Participant p : participants) {
      saved = saved.compose(v -> saveUser(connection, p.userId(), p.kaleyraUserId(), p.role()).mapEmpty());
    }
    return saved;
  }

  private static Future<Outcome> saveUser(SqlConnection connection, String externalId, String kaleyraUserId, Role role) {
    return connection.preparedQuery(SqlQueries.FIND_KALEYRA_ID_OF).execute(Tuple.of(externalId))
        .compose(byExternal -> {
          Optional<String> known = first(byExternal).map(row -> row.getString("kaleyra_id"));
          if (known.isPresent()) {
            return known.get().equals(kaleyraUserId)
                ? Future.succeededFuture(Outcome.ALREADY_PRESENT)
                : Future.failedFuture(new Conflict("user '" + externalId + "' is already mapped to Kaleyra user '"
                    + known.get() + "', not '" + kaleyraUserId + "'"));
          }
          return connection.preparedQuery(SqlQueries.FIND_EXTERNAL_ID_OF).execute(Tuple.of(kaleyraUserId))
              .compose(byKaleyra -> {
                Optional<String> owner = first(byKaleyra).map(row -> row.getString("external_id"));
                if (owner.isPresent()) {
                  return Future.failedFuture(new Conflict("Kaleyra user '" + kaleyraUserId
                      + "' is already mapped to user '" + owner.get() + "', not '" + externalId + "'"));
                }
                return connection.preparedQuery(SqlQueries.INSERT_IMPORTED_USER)
                    .execute(Tuple.of(externalId, kaleyraUserId, role.wireName()))
                    .map(Outcome.IMPORTED);
              });
        });
  }

  private static Tuple row(Teleconsultation t, boolean deleted, Instant deletedAt) {
    return Tuple.tuple()
        .addString(t.id())
        .addInteger(t.participantsNumber())
        .addOffsetDateTime(utc(t.schedule().start()))
        .addOffsetDateTime(utc(t.schedule().end()))
        .addInteger(t.schedule().requestedDurationSeconds())
        .addString(t.roomId())
        .addValue(TeleconsultationRepository.participantsJson(t.participants()))
        .addString(deleted ? "DELETED" : "ACTIVE")
        .addOffsetDateTime(deleted ? utc(deletedAt) : null);
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Blocking: for the command only. */
  public void close() throws Exception {
    pool.close().await();
    if (embedded != null) {
      embedded.close();
    }
  }
}
