-- The dossier's Adresse (issue 3): France (commune from the postal code) or abroad.
CREATE TABLE dossier_address (
    candidate_id BIGINT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    pays TEXT NOT NULL,
    ligne1 TEXT NOT NULL,
    ligne2 TEXT,
    ligne3 TEXT,
    code_postal TEXT,
    -- France: INSEE code and name of the commune; abroad: the town.
    commune_code TEXT,
    commune_nom TEXT,
    ville TEXT,
    updated_at BIGINT NOT NULL
);
