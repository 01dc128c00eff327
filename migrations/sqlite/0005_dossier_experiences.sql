-- The dossier's Stages and Expériences professionnelles (issue 3): any number.
CREATE TABLE dossier_experiences (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    -- 'stage' or 'emploi'
    kind TEXT NOT NULL,
    annee BIGINT NOT NULL,
    duree TEXT NOT NULL,
    heures BIGINT,
    intitule TEXT,
    employeur TEXT NOT NULL,
    descriptif TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX dossier_experiences_candidate ON dossier_experiences (candidate_id, kind);
