package io.teleconsultation.store;

/** Every SQL statement of the service, in one place. Tables are created by the migrations in db/migration. */
final class SqlQueries {

  private SqlQueries() {}

  static final String PING = "SELECT 1";

  static final String FIND_USERS =
      "SELECT external_id, kaleyra_id, role FROM kaleyra_users WHERE external_id = ANY($1)";

  /** A user keeps the higher of its roles: a plus user is never demoted. */
  static final String SAVE_USER = """
      INSERT INTO kaleyra_users (external_id, kaleyra_id, role) VALUES ($1, $2, $3)
      ON CONFLICT (external_id) DO UPDATE
        SET role = CASE WHEN kaleyra_users.role = 'plus' THEN 'plus' ELSE EXCLUDED.role END,
            updated_at = now()
      """;

  static final String INSERT_TELECONSULTATION = """
      INSERT INTO teleconsultations
        (id, participants_number, start_date, end_date, duration_in_seconds, room_id, participants)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;

  static final String FIND_LIVE_TELECONSULTATION = """
      SELECT id, participants_number, start_date, end_date, duration_in_seconds, room_id, participants, version
      FROM teleconsultations WHERE id = $1 AND state = 'ACTIVE'
      """;

  /**
   * Optimistic concurrency: the update applies only to the version that was read, so two racing changes cannot both
   * win (each instance of the service runs this, so the database is the only place that can serialise them).
   */
  static final String UPDATE_TELECONSULTATION = """
      UPDATE teleconsultations
      SET participants_number = $2, start_date = $3, end_date = $4, duration_in_seconds = $5, room_id = $6,
          participants = $7, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $8 AND state = 'ACTIVE'
      """;

  /** Deleted teleconsultations stay, marked DELETED, for audit. */
  static final String DELETE_TELECONSULTATION = """
      UPDATE teleconsultations
      SET state = 'DELETED', deleted_at = now(), updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2 AND state = 'ACTIVE'
      """;
}
