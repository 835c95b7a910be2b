-- Teleconsultation ids are no longer only UUIDs: those imported from the original service keep its MongoDB
-- ObjectIds (24 hex characters), which its frontends store. Any id of 1-64 characters from [A-Za-z0-9_-].
-- UUIDs already stored keep their canonical lower-case text form.
ALTER TABLE teleconsultations ALTER COLUMN id TYPE TEXT USING id::text;
ALTER TABLE teleconsultations ADD CONSTRAINT teleconsultations_id_form CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$');
