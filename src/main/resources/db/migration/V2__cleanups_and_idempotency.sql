-- Kaleyra rooms to delete. A room is always owned by a live teleconsultation or by a row here:
-- a row is written as soon as Kaleyra creates a room (a lease, due later) and removed in the same
-- transaction that stores the room in a teleconsultation; replacing or deleting a teleconsultation
-- writes a row for the room it leaves (due at once). The reaper deletes due rooms until Kaleyra agrees.
CREATE TABLE room_cleanups (
    room_id         TEXT PRIMARY KEY,
    reason          TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX room_cleanups_due ON room_cleanups (next_attempt_at);

-- Idempotency-Key of creation requests: the first response is replayed for the same key and body.
CREATE TABLE idempotency_keys (
    idempotency_key TEXT        NOT NULL,
    operation       TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    status          INTEGER,
    response        JSONB,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (idempotency_key, operation)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
