-- The candidate's dossier (issue 3): Informations personnelles, and the
-- campaign's INE settings.

ALTER TABLE campaigns ADD COLUMN accept_ines BIGINT NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN ine_required_for_french BIGINT NOT NULL DEFAULT 0;

CREATE TABLE dossier_identity (
    candidate_id BIGINT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
    civilite TEXT NOT NULL,
    nom_naissance TEXT NOT NULL,
    nom_usuel TEXT,
    prenom TEXT NOT NULL,
    autre_prenom TEXT,
    -- YYYY-MM-DD
    date_naissance TEXT NOT NULL,
    pays_naissance TEXT NOT NULL,
    departement_naissance TEXT,
    ville_naissance TEXT NOT NULL,
    nationalite TEXT NOT NULL,
    telephone TEXT,
    portable TEXT,
    updated_at BIGINT NOT NULL
);

-- The INE answer, given in the pop-up before the rest of the form:
-- an INE, or "Je n'ai pas d'INE" (ine NULL, sans_ine 1).
CREATE TABLE dossier_ine (
    candidate_id BIGINT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
    ine TEXT,
    sans_ine BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);
-- One candidate per INE in a campaign (NULLs do not collide).
CREATE UNIQUE INDEX dossier_ine_unique ON dossier_ine (campaign_id, ine);
