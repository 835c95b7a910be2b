-- Retention: ended and deleted teleconsultations keep their row for audit, but their personal data (names, external
-- user ids, Kaleyra user ids, join links) is erased after RETENTION_DAYS; this marks when.
ALTER TABLE teleconsultations ADD COLUMN personal_data_erased_at TIMESTAMPTZ;
CREATE INDEX teleconsultations_retention ON teleconsultations (end_date) WHERE personal_data_erased_at IS NULL;
