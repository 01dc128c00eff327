-- The dossier's Baccalauréat (issue 3): one per candidate, or "0000-sans bac".
CREATE TABLE dossier_bac (
    candidate_id BIGINT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    -- '0000' for "Je n'ai pas le Bac", else the series code
    serie TEXT NOT NULL,
    annee BIGINT,
    mention TEXT,
    pays TEXT,
    departement TEXT,
    commune_code TEXT,
    etablissement TEXT,
    updated_at BIGINT NOT NULL
);
