-- Files to remove from disk once the rows that named them are gone
-- (issue 12): written in the transaction that deletes the row, so a crash
-- between the commit and the removal leaves a note, never a forgotten
-- file. The purge job removes each file, then its note.
CREATE TABLE pending_deletions (
    stored_name TEXT PRIMARY KEY,
    queued_at BIGINT NOT NULL
);
