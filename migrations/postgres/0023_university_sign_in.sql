-- The university's own people, signed in through its CAS (issue 15):
-- `server::university`, `store::university`.
--
-- 1. A candidate or a staff account may be tied to a CAS identifier; later
--    CAS sign-ins go straight in. One account per identifier.
ALTER TABLE candidates ADD COLUMN cas_uid TEXT;
CREATE UNIQUE INDEX candidates_cas_uid ON candidates (cas_uid);
-- What CAS and the directory said at the last sign-in that reached the
-- directory (`sso::Person` as JSON), and when.
ALTER TABLE candidates ADD COLUMN university_record TEXT;
ALTER TABLE candidates ADD COLUMN university_record_at BIGINT;
ALTER TABLE staff ADD COLUMN cas_uid TEXT;
CREATE UNIQUE INDEX staff_cas_uid ON staff (cas_uid);

-- 2. A first CAS sign-in, between the ticket and "Vérifier les informations
--    et renseigner votre adresse mail": what CAS (and the directory) said,
--    under the keyed hash of a token kept in the browser's cookie; removed
--    when the account is created, or after 30 minutes.
CREATE TABLE university_sign_ins (
    token_hash TEXT PRIMARY KEY,
    cas_uid TEXT NOT NULL,
    person TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- 3. An external account with the address a student gave: joined to the
--    CAS identifier only once the student opens the link mailed to that
--    address (never silently).
CREATE TABLE university_joins (
    token_hash TEXT PRIMARY KEY,
    candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    cas_uid TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX university_joins_candidate ON university_joins (candidate_id);
