-- The dossier's Cursus externe (issue 3): every year of higher education.
CREATE TABLE dossier_cursus (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    pays TEXT NOT NULL,
    departement TEXT,
    commune_code TEXT,
    etablissement TEXT NOT NULL,
    annee BIGINT NOT NULL,
    formation TEXT NOT NULL,
    libelle TEXT NOT NULL,
    obtenu TEXT NOT NULL,
    mention TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX dossier_cursus_candidate ON dossier_cursus (candidate_id);
