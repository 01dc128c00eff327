-- Campaign end (issue 6). A campaign is prepared (active = 0, not
-- archived), active (one at a time), archived (read-only, out of the
-- candidates' view) when the next one is activated, then its dossiers and
-- files are destroyed once retention_days have passed since the archive.
ALTER TABLE campaigns ADD COLUMN archived_at BIGINT;
ALTER TABLE campaigns ADD COLUMN retention_days BIGINT NOT NULL DEFAULT 730;
ALTER TABLE campaigns ADD COLUMN destroyed_at BIGINT;
-- What the destruction removed, kept for the record ("12 candidatures…").
ALTER TABLE campaigns ADD COLUMN destroyed_summary TEXT;

-- When the candidate last signed in: an account untouched since its
-- campaign was archived goes with that campaign's dossiers.
ALTER TABLE candidates ADD COLUMN last_seen_at BIGINT;
UPDATE candidates SET last_seen_at = created_at;
