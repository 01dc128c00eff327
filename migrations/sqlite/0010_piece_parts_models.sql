-- Several files for one piece are combined into one PDF: how many went in.
ALTER TABLE files ADD COLUMN parts BIGINT NOT NULL DEFAULT 1;

-- A model file to download for a piece (the passerelle's "charte
-- d'engagement"), stored under data/files/ by a generated name.
ALTER TABLE pieces ADD COLUMN model_stored_name TEXT;
ALTER TABLE pieces ADD COLUMN model_name TEXT;
