-- The staff list's search reads one folded key per candidate (names, login,
-- address: `domain::search`), written by the store with the row; rows from
-- before are filled by `store::accounts::fill_search_keys` after the
-- migrations run. A trigram index serves `LIKE '%…%'` (pg_trgm ships with
-- PostgreSQL and is a trusted extension: the database owner may create it).
ALTER TABLE candidates ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX candidates_search_key ON candidates USING gin (search_key gin_trgm_ops);
