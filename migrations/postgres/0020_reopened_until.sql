-- When staff mark a dossier Incomplet they may give the candidate until a
-- day of their own (Europe/Paris, included) to replace the refused pieces;
-- without it, the formation's date limite de retour applies (issue 12).
ALTER TABLE applications ADD COLUMN reopened_until TEXT;
