-- Foundation: campaigns and their offer, accounts, sessions, throttling, mail outbox, jobs.

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    university_year TEXT NOT NULL,
    active BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE centres (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
    label TEXT NOT NULL,
    contact_address TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT ''
);

CREATE TABLE formations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    centre_id BIGINT NOT NULL REFERENCES centres(id),
    title TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    -- days in Europe/Paris, the last one included until 23:59:59
    window_start TEXT NOT NULL,
    window_end TEXT NOT NULL,
    return_deadline TEXT NOT NULL,
    mode TEXT NOT NULL DEFAULT 'Dossier dématérialisé',
    treatment TEXT NOT NULL DEFAULT 'Accès contrôlé',
    capacity BIGINT NOT NULL DEFAULT 0
);

-- Every login ever handed out, so that none is given twice, even after the
-- account that had it was deleted.
CREATE TABLE used_logins (
    login TEXT PRIMARY KEY
);

CREATE TABLE candidates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
    login TEXT NOT NULL UNIQUE,
    nom TEXT NOT NULL,
    prenom TEXT NOT NULL,
    email TEXT NOT NULL,
    email_norm TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    validated_at BIGINT,
    activation_token_hash TEXT UNIQUE,
    activation_deadline BIGINT NOT NULL
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    email_norm TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'gestionnaire', 'commission')),
    password_hash TEXT NOT NULL,
    active BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);

-- account_kind is 'candidat' or 'staff'; the token itself is never stored,
-- only its keyed hash.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_kind TEXT NOT NULL,
    account_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_kind, account_id);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    account_kind TEXT NOT NULL,
    account_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- Sign-in failures per key (an identifier as typed, or an account).
CREATE TABLE throttle (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    first_failure_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0
);

-- Mail leaves through this table, written in the transaction of the change
-- that causes it; event_key makes one event one mail.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_key TEXT NOT NULL UNIQUE,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

CREATE TABLE job_runs (
    job TEXT PRIMARY KEY,
    lease_until BIGINT NOT NULL DEFAULT 0,
    last_started_at BIGINT,
    last_finished_at BIGINT,
    last_result TEXT
);
