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

-- Applications (candidatures): one per candidate and formation. Issue 4
-- builds the offer, the pieces and the statuses on this table; the
-- dossier only needs to know whether a first application was made (guide
-- 04.6: Informations personnelles become read-only).
CREATE TABLE applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    formation_id BIGINT NOT NULL REFERENCES formations(id),
    created_at BIGINT NOT NULL,
    UNIQUE (candidate_id, formation_id)
);
