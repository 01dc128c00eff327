-- The link mailed to an account's owner when an address was refused on
-- their account (issue 12): one click lifts the refusal of the address
-- the mail names (not of others: an attacker's stays). Single use, one hour.
CREATE TABLE unlock_links (
    token_hash TEXT PRIMARY KEY,
    account_kind TEXT NOT NULL,
    account_id BIGINT NOT NULL,
    client TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
