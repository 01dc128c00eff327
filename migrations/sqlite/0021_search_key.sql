-- The staff list's search reads one folded key per candidate (names, login,
-- address: `domain::search`), written by the store with the row; rows from
-- before are filled by `store::accounts::fill_search_keys` after the
-- migrations run. The index is narrow, so a substring search scans it
-- rather than the table.
ALTER TABLE candidates ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX candidates_search_key ON candidates (search_key);
