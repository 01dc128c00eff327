-- The staff list at 100,000 applications and more (store::review):
--
-- 1. Counts per formation kept by the database: one row per formation and
--    (status, decision, answer) of its live applications, changed by the
--    triggers below in the statement that changes the application, so no
--    write path can forget it. The dashboard and the list's total read
--    these rows instead of every application.
CREATE TABLE application_counts (
    formation_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    decision TEXT NOT NULL,
    answer TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (formation_id, status, decision, answer)
);
INSERT INTO application_counts (formation_id, status, decision, answer, n)
SELECT formation_id, status, COALESCE(decision, ''),
       CASE WHEN withdrawn_at IS NOT NULL THEN 'desiste' WHEN confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END, COUNT(*)
FROM applications WHERE cancelled_at IS NULL
GROUP BY formation_id, status, COALESCE(decision, ''),
         CASE WHEN withdrawn_at IS NOT NULL THEN 'desiste' WHEN confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END;

CREATE TRIGGER application_counts_insert AFTER INSERT ON applications WHEN NEW.cancelled_at IS NULL
BEGIN
    INSERT INTO application_counts (formation_id, status, decision, answer, n)
    VALUES (NEW.formation_id, NEW.status, COALESCE(NEW.decision, ''),
            CASE WHEN NEW.withdrawn_at IS NOT NULL THEN 'desiste' WHEN NEW.confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END, 1)
    ON CONFLICT (formation_id, status, decision, answer) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER application_counts_delete AFTER DELETE ON applications WHEN OLD.cancelled_at IS NULL
BEGIN
    UPDATE application_counts SET n = n - 1
    WHERE formation_id = OLD.formation_id AND status = OLD.status AND decision = COALESCE(OLD.decision, '')
      AND answer = CASE WHEN OLD.withdrawn_at IS NOT NULL THEN 'desiste' WHEN OLD.confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END;
END;

CREATE TRIGGER application_counts_update
AFTER UPDATE OF formation_id, status, decision, confirmed_at, withdrawn_at, cancelled_at ON applications
WHEN OLD.formation_id IS NOT NEW.formation_id OR OLD.status IS NOT NEW.status OR OLD.decision IS NOT NEW.decision
  OR (OLD.confirmed_at IS NULL) <> (NEW.confirmed_at IS NULL) OR (OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL)
  OR (OLD.cancelled_at IS NULL) <> (NEW.cancelled_at IS NULL)
BEGIN
    UPDATE application_counts SET n = n - 1
    WHERE OLD.cancelled_at IS NULL
      AND formation_id = OLD.formation_id AND status = OLD.status AND decision = COALESCE(OLD.decision, '')
      AND answer = CASE WHEN OLD.withdrawn_at IS NOT NULL THEN 'desiste' WHEN OLD.confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END;
    INSERT INTO application_counts (formation_id, status, decision, answer, n)
    SELECT NEW.formation_id, NEW.status, COALESCE(NEW.decision, ''),
           CASE WHEN NEW.withdrawn_at IS NOT NULL THEN 'desiste' WHEN NEW.confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END, 1
    WHERE NEW.cancelled_at IS NULL
    ON CONFLICT (formation_id, status, decision, answer) DO UPDATE SET n = n + 1;
END;

-- 2. An index for each sort of the list, ending with the id that breaks
--    ties, so that page 1 and the keyset pages (previous / next, deep
--    pages) read 25 rows whatever the size. The sort terms never hold a
--    NULL (COALESCE): both databases then order them alike.
CREATE INDEX applications_by_transmission ON applications (COALESCE(transmitted_at, 0), id);
CREATE INDEX applications_by_status ON applications (status, id);
CREATE INDEX applications_by_formation ON applications (formation_id, id);
CREATE INDEX applications_by_decision ON applications (COALESCE(decision, ''), COALESCE(decision_rank, 0), id);
CREATE INDEX applications_by_candidate ON applications (candidate_id, id);
CREATE INDEX candidates_by_name ON candidates (LOWER(nom), LOWER(prenom), id);
-- The INE sort reads the candidate's own copy of the INE (kept by
-- `store::accounts::refresh_list_keys` with the search key).
ALTER TABLE candidates ADD COLUMN ine_key TEXT NOT NULL DEFAULT '';
UPDATE candidates SET ine_key = COALESCE((SELECT ine FROM dossier_ine WHERE dossier_ine.candidate_id = candidates.id), '');
CREATE INDEX candidates_by_ine ON candidates (ine_key, id);
CREATE INDEX formations_by_title ON formations (title, id);

-- 3. The search: a trigram full-text index of the folded search key
--    (FTS5, shipped with SQLite), which answers `LIKE '%…%'` without
--    reading every key; PostgreSQL has its pg_trgm index (0021). The key
--    now holds the INE too: emptied here where there is one, so that
--    `store::accounts::fill_search_keys` writes it again after the
--    migrations.
CREATE VIRTUAL TABLE candidates_search USING fts5 (search_key, content = 'candidates', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO candidates_search (candidates_search) VALUES ('rebuild');
CREATE TRIGGER candidates_search_insert AFTER INSERT ON candidates
BEGIN
    INSERT INTO candidates_search (rowid, search_key) VALUES (NEW.id, NEW.search_key);
END;
CREATE TRIGGER candidates_search_delete AFTER DELETE ON candidates
BEGIN
    INSERT INTO candidates_search (candidates_search, rowid, search_key) VALUES ('delete', OLD.id, OLD.search_key);
END;
CREATE TRIGGER candidates_search_update AFTER UPDATE OF search_key ON candidates
BEGIN
    INSERT INTO candidates_search (candidates_search, rowid, search_key) VALUES ('delete', OLD.id, OLD.search_key);
    INSERT INTO candidates_search (rowid, search_key) VALUES (NEW.id, NEW.search_key);
END;
UPDATE candidates SET search_key = '' WHERE id IN (SELECT candidate_id FROM dossier_ine WHERE ine IS NOT NULL);
