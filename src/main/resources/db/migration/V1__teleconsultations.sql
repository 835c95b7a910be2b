-- Kaleyra users we created, by the external user id the API clients use.
CREATE TABLE kaleyra_users (
    external_id TEXT PRIMARY KEY,
    kaleyra_id  TEXT        NOT NULL UNIQUE,
    role        TEXT        NOT NULL CHECK (role IN ('plus', 'basic')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per teleconsultation. Deleted ones stay, marked DELETED, for audit.
-- participants holds the ordered list [{userId, groups, fullName, language, kaleyraUserId, role, link}].
CREATE TABLE teleconsultations (
    id                  UUID PRIMARY KEY,
    participants_number INTEGER     NOT NULL CHECK (participants_number BETWEEN 2 AND 25),
    start_date          TIMESTAMPTZ NOT NULL,
    end_date            TIMESTAMPTZ NOT NULL CHECK (end_date > start_date),
    duration_in_seconds INTEGER,
    room_id             TEXT,
    participants        JSONB       NOT NULL,
    state               TEXT        NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'DELETED')),
    version             INTEGER     NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at          TIMESTAMPTZ
);

-- A Kaleyra room belongs to at most one live teleconsultation.
CREATE UNIQUE INDEX teleconsultations_live_room ON teleconsultations (room_id)
    WHERE room_id IS NOT NULL AND state = 'ACTIVE';
