-- The reminder a few days before the date limite de retour, for an
-- application not transmitted yet (issue 6), sent once.
ALTER TABLE applications ADD COLUMN return_reminded_at BIGINT;
