-- Whether a Kaleyra user id is the one this service derives from the external id (KaleyraUserId). Users imported
-- from the original service keep the Kaleyra ids it created, which cannot be derived: retention must never forget
-- their mapping, or a returning person would get a second Kaleyra user (a plus user is a licence).
ALTER TABLE kaleyra_users ADD COLUMN kaleyra_id_derived BOOLEAN NOT NULL DEFAULT true;
