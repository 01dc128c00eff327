-- A candidate's new mail address waits here until its link is followed
-- (the token itself is never stored, only its keyed hash).
CREATE TABLE email_changes (
    token_hash TEXT PRIMARY KEY,
    candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    new_email TEXT NOT NULL,
    new_email_norm TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX email_changes_candidate ON email_changes (candidate_id);

-- Applications (candidatures, issue 4). Statuses are codes the domain
-- names (domain::application): dossier en_attente / receptionne / complet /
-- incomplet; a cancelled application keeps its row (history, and
-- Informations personnelles stay read-only, guide 04.6) with cancelled_at.
-- version grows with every change: the guard against two tabs or staff
-- members overwriting each other.
CREATE TABLE applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    formation_id BIGINT NOT NULL REFERENCES formations(id),
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'en_attente',
    decision TEXT,
    transmitted_at BIGINT,
    received_at BIGINT,
    cancelled_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1
);
-- One live application per candidate and formation.
CREATE UNIQUE INDEX applications_live ON applications (candidate_id, formation_id) WHERE cancelled_at IS NULL;
CREATE INDEX applications_formation ON applications (formation_id, status);

-- What a campaign allows: how many live applications per candidate (0: no limit).
ALTER TABLE campaigns ADD COLUMN max_applications BIGINT NOT NULL DEFAULT 0;
-- Formation details the offer and the summary show.
ALTER TABLE formations ADD COLUMN waiting_list BIGINT NOT NULL DEFAULT 0;
