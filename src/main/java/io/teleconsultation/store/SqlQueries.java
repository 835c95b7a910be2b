package io.teleconsultation.store;

/** Every SQL statement of the service, in one place. Tables are created by the migrations in db/migration. */
final class SqlQueries {

  private SqlQueries() {}

  static final String PING = "SELECT 1";

  static final String FIND_USERS =
      "SELECT external_id, kaleyra_id, role FROM kaleyra_users WHERE external_id = ANY($1)";

  /**
   * Remembers a user; a user keeps the higher of its roles (a plus user is never demoted). Two requests may bring the
   * same new user at once: {@code ON CONFLICT DO NOTHING} covers every unique key (external and Kaleyra id), so the
   * second one promotes at most, instead of failing on the Kaleyra id's uniqueness.
   */
  static final String SAVE_USER = """
      WITH inserted AS (
        INSERT INTO kaleyra_users (external_id, kaleyra_id, role) VALUES ($1, $2, $3)
        ON CONFLICT DO NOTHING
        RETURNING external_id)
      UPDATE kaleyra_users SET role = 'plus', updated_at = now()
      WHERE external_id = $1 AND $3 = 'plus' AND role <> 'plus' AND NOT EXISTS (SELECT 1 FROM inserted)
      """;

  static final String INSERT_TELECONSULTATION = """
      INSERT INTO teleconsultations
        (id, participants_number, start_date, end_date, duration_in_seconds, room_id, participants)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;

  static final String FIND_LIVE_TELECONSULTATION = """
      SELECT id, participants_number, start_date, end_date, duration_in_seconds, room_id, participants, version
      FROM teleconsultations WHERE id = $1 AND state = 'ACTIVE' AND personal_data_erased_at IS NULL
      """;

  /**
   * Retention ($1 days, $2 rows at most): erases the personal data of teleconsultations deleted or ended more than $1
   * days ago (their row stays, for audit; the API no longer finds them), and forgets the external id of Kaleyra users
   * that no teleconsultation still holding personal data names. One statement: every CTE sees the same snapshot, so
   * the rows being erased are excluded explicitly from "still named". SKIP LOCKED leaves rows being changed alone.
   */
  static final String ERASE_PERSONAL_DATA = """
      WITH due AS (
        SELECT id, participants FROM teleconsultations
        WHERE personal_data_erased_at IS NULL
          AND (end_date < now() - make_interval(days => $1)
               OR (state = 'DELETED' AND deleted_at < now() - make_interval(days => $1)))
        ORDER BY end_date
        LIMIT $2
        FOR UPDATE SKIP LOCKED
      ), erased AS (
        UPDATE teleconsultations t
        SET participants = (
              SELECT coalesce(jsonb_agg(p || '{"userId": null, "fullName": null, "kaleyraUserId": null, "link": null}'
                                        ORDER BY position), '[]'::jsonb)
              FROM jsonb_array_elements(due.participants) WITH ORDINALITY AS e(p, position)),
            personal_data_erased_at = now(), updated_at = now()
        FROM due WHERE t.id = due.id
        RETURNING t.id
      ), former AS (
        SELECT DISTINCT p ->> 'userId' AS external_id
        FROM due, jsonb_array_elements(due.participants) AS p
        WHERE p ->> 'userId' IS NOT NULL
      ), forgotten AS (
        DELETE FROM kaleyra_users u USING former f
        WHERE u.external_id = f.external_id
          -- An imported user's Kaleyra id cannot be derived again: forgetting it would create a second user (V41).
          AND u.kaleyra_id_derived
          AND NOT EXISTS (
            SELECT 1 FROM teleconsultations t
            WHERE t.personal_data_erased_at IS NULL AND t.id NOT IN (SELECT id FROM due)
              AND t.participants @> jsonb_build_array(jsonb_build_object('userId', f.external_id)))
        RETURNING u.external_id
      )
      SELECT (SELECT count(*) FROM erased) AS erased, (SELECT count(*) FROM forgotten) AS forgotten_users
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
        -- The immutable period, checked again at commit time with the database's clock: a GET may have handed
        -- out a link since the change read the row, and that room must then stay.
        AND NOT (jsonb_array_length(participants) = participants_number
                 AND start_date <= now() + $9 * interval '1 millisecond')
      """;

  /** Deleted teleconsultations stay, marked DELETED, for audit. */
  static final String DELETE_TELECONSULTATION = """
      UPDATE teleconsultations
      SET state = 'DELETED', deleted_at = now(), updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2 AND state = 'ACTIVE'
      """;

  // Room cleanups (see V2 migration).

  /** Records a room to delete at {@code now + $3 ms}; an existing row keeps the earlier due time. */
  static final String RECORD_CLEANUP = """
      INSERT INTO room_cleanups (room_id, reason, next_attempt_at)
      VALUES ($1, $2, now() + $3 * interval '1 millisecond')
      ON CONFLICT (room_id) DO UPDATE
        SET next_attempt_at = LEAST(room_cleanups.next_attempt_at, EXCLUDED.next_attempt_at)
      """;

  static final String FORGET_CLEANUP = "DELETE FROM room_cleanups WHERE room_id = $1";

  /**
   * A queued room that a live teleconsultation uses after all (a save that looked failed but committed) must never
   * be deleted: such rows are dropped before the due ones are read.
   */
  static final String FORGET_CLEANUPS_IN_USE = """
      DELETE FROM room_cleanups c
      WHERE EXISTS (SELECT 1 FROM teleconsultations t WHERE t.room_id = c.room_id AND t.state = 'ACTIVE')
      """;

  static final String DUE_CLEANUPS = """
      SELECT room_id, reason, attempts FROM room_cleanups c
      WHERE next_attempt_at <= now()
        AND NOT EXISTS (SELECT 1 FROM teleconsultations t WHERE t.room_id = c.room_id AND t.state = 'ACTIVE')
      ORDER BY next_attempt_at LIMIT $1
      """;

  /** Exponential backoff: 2^attempts seconds, at most an hour. */
  static final String RETRY_CLEANUP = """
      UPDATE room_cleanups
      SET attempts = attempts + 1, last_error = $2,
          next_attempt_at = now() + LEAST(power(2, attempts) * interval '1 second', interval '1 hour')
      WHERE room_id = $1
      """;

  static final String COUNT_CLEANUPS = "SELECT count(*) AS pending FROM room_cleanups";

  // Idempotency keys (see V2 migration).

  /** Claims a key; returns no row when another request already holds it. */
  static final String CLAIM_IDEMPOTENCY_KEY = """
      INSERT INTO idempotency_keys (idempotency_key, operation, request_hash, expires_at)
      VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')
      ON CONFLICT (idempotency_key, operation) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, status = NULL, response = NULL,
            created_at = now(), expires_at = EXCLUDED.expires_at
        -- An expired key is free again; so is a claim whose request never finished (its node died).
        WHERE idempotency_keys.expires_at < now()
           OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - interval '2 minutes')
      RETURNING idempotency_key
      """;

  static final String FIND_IDEMPOTENCY_KEY = """
      SELECT request_hash, status, response FROM idempotency_keys
      WHERE idempotency_key = $1 AND operation = $2
      """;

  static final String COMPLETE_IDEMPOTENCY_KEY = """
      UPDATE idempotency_keys SET status = $3, response = $4 WHERE idempotency_key = $1 AND operation = $2
      """;

  static final String RELEASE_IDEMPOTENCY_KEY = """
      DELETE FROM idempotency_keys WHERE idempotency_key = $1 AND operation = $2 AND status IS NULL
      """;

  static final String PURGE_IDEMPOTENCY_KEYS = "DELETE FROM idempotency_keys WHERE expires_at < now()";

  // Import of the original service's data (the import command, see ImportRepository).

  static final String FIND_KALEYRA_ID_OF = "SELECT kaleyra_id FROM kaleyra_users WHERE external_id = $1";

  static final String FIND_EXTERNAL_ID_OF = "SELECT external_id FROM kaleyra_users WHERE kaleyra_id = $1";

  /** An imported user keeps the original's Kaleyra id, which retention must never forget (V41). */
  static final String INSERT_IMPORTED_USER = """
      INSERT INTO kaleyra_users (external_id, kaleyra_id, role, kaleyra_id_derived) VALUES ($1, $2, $3, false)
      ON CONFLICT DO NOTHING
      """;

  static final String TELECONSULTATION_EXISTS = "SELECT 1 FROM teleconsultations WHERE id = $1";

  static final String LIVE_OWNER_OF_ROOM =
      "SELECT id FROM teleconsultations WHERE room_id = $1 AND state = 'ACTIVE'";

  /** A teleconsultation as the original service stored it; a trashed one arrives already deleted. */
  static final String INSERT_IMPORTED_TELECONSULTATION = """
      INSERT INTO teleconsultations
        (id, participants_number, start_date, end_date, duration_in_seconds, room_id, participants, state, deleted_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (id) DO NOTHING
      """;
}
