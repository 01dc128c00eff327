-- The staff list at 100,000 applications and more (store::review):
--
-- 1. Counts per formation kept by the database: one row per formation and
--    (status, decision, answer) of its live applications, changed by the
--    trigger below in the statement that changes the application, so no
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

-- Two transactions moving applications between the same two groups in
-- opposite directions would lock the two counter rows in opposite orders
-- and deadlock: the rows are always changed in key order.
CREATE FUNCTION application_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_live boolean := TG_OP <> 'INSERT' AND OLD.cancelled_at IS NULL;
    new_live boolean := TG_OP <> 'DELETE' AND NEW.cancelled_at IS NULL;
    old_key text[];
    new_key text[];
    step int;
BEGIN
    IF old_live THEN
        old_key := ARRAY[OLD.formation_id::text, OLD.status, COALESCE(OLD.decision, ''),
            CASE WHEN OLD.withdrawn_at IS NOT NULL THEN 'desiste' WHEN OLD.confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END];
    END IF;
    IF new_live THEN
        new_key := ARRAY[NEW.formation_id::text, NEW.status, COALESCE(NEW.decision, ''),
            CASE WHEN NEW.withdrawn_at IS NOT NULL THEN 'desiste' WHEN NEW.confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END];
    END IF;
    IF old_key IS NOT DISTINCT FROM new_key THEN
        RETURN NULL;
    END IF;
    FOR step IN 1..2 LOOP
        IF old_key IS NOT NULL AND ((step = 1) = (new_key IS NULL OR old_key < new_key)) THEN
            UPDATE application_counts SET n = n - 1
            WHERE formation_id = old_key[1]::bigint AND status = old_key[2] AND decision = old_key[3] AND answer = old_key[4];
        ELSIF new_key IS NOT NULL AND ((step = 1) = (old_key IS NULL OR new_key < old_key)) THEN
            INSERT INTO application_counts (formation_id, status, decision, answer, n)
            VALUES (new_key[1]::bigint, new_key[2], new_key[3], new_key[4], 1)
            ON CONFLICT (formation_id, status, decision, answer) DO UPDATE SET n = application_counts.n + 1;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$$;
CREATE TRIGGER application_counts_insert_delete AFTER INSERT OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION application_counts_keep();
CREATE TRIGGER application_counts_update
    AFTER UPDATE OF formation_id, status, decision, confirmed_at, withdrawn_at, cancelled_at ON applications
    FOR EACH ROW EXECUTE FUNCTION application_counts_keep();

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

-- 3. The search key now holds the INE too: emptied here where there is
--    one, so that `store::accounts::fill_search_keys` writes it again
--    after the migrations. Its pg_trgm index (0021) answers `LIKE '%…%'`;
--    SQLite has an FTS5 trigram table for the same.
UPDATE candidates SET search_key = '' WHERE id IN (SELECT candidate_id FROM dossier_ine WHERE ine IS NOT NULL);
