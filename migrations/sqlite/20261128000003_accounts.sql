-- Accounts, sessions, tokens, mail outbox, throttling, consents, corrections (SQLite).

ALTER TABLE accounts ADD COLUMN phone TEXT NULL;
ALTER TABLE accounts ADD COLUMN email_verified_at_ms BIGINT NULL;
-- For company staff: 'admin' (the person who signed the company up, or promoted) or 'staff'.
ALTER TABLE accounts ADD COLUMN company_role TEXT NULL CHECK (company_role IN ('admin', 'staff'));

ALTER TABLE companies ADD COLUMN address_elsewhere TEXT NULL;
ALTER TABLE companies ADD COLUMN rejection_reason TEXT NULL;
ALTER TABLE companies ADD COLUMN reviewed_by BIGINT NULL REFERENCES accounts (id);
ALTER TABLE companies ADD COLUMN reviewed_at_ms BIGINT NULL;

-- A seeker's identity. The NIK is stored encrypted (AES-256-GCM) with a keyed hash (HMAC-SHA-256) for
-- uniqueness and look-up; the plain NIK is never stored.
CREATE TABLE seekers (
    account_id     INTEGER PRIMARY KEY REFERENCES accounts (id),
    nik_ciphertext TEXT NOT NULL,
    nik_hash       TEXT NOT NULL,
    place_of_birth TEXT NOT NULL,
    date_of_birth  TEXT NOT NULL,
    sex            TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    created_at_ms  BIGINT NOT NULL
);
CREATE UNIQUE INDEX seekers_nik_hash_key ON seekers (nik_hash);

CREATE TABLE consents (
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    purpose       TEXT NOT NULL CHECK (purpose IN ('matching', 'discoverable', 'notifications')),
    granted       BIGINT NOT NULL CHECK (granted IN (0, 1)),
    changed_at_ms BIGINT NOT NULL,
    PRIMARY KEY (account_id, purpose)
);

CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,
    account_id    BIGINT NULL REFERENCES accounts (id),
    data          TEXT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    last_seen_ms  BIGINT NOT NULL,
    ip            TEXT NULL,
    user_agent    TEXT NULL
);
CREATE INDEX sessions_account_idx ON sessions (account_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at_ms);

-- Single-use links (e-mail verification, password reset, staff invitation). Only a hash of the token is kept.
CREATE TABLE tokens (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT NOT NULL,
    purpose       TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'invite')),
    account_id    BIGINT NULL REFERENCES accounts (id),
    company_id    BIGINT NULL REFERENCES companies (id),
    email         TEXT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    used_at_ms    BIGINT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX tokens_token_hash_key ON tokens (token_hash);

CREATE TABLE mail_outbox (
    id                 INTEGER PRIMARY KEY,
    to_address         TEXT NOT NULL,
    subject            TEXT NOT NULL,
    body_text          TEXT NOT NULL,
    created_at_ms      BIGINT NOT NULL,
    next_attempt_at_ms BIGINT NOT NULL,
    attempts           BIGINT NOT NULL DEFAULT 0,
    sent_at_ms         BIGINT NULL,
    last_error         TEXT NULL
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (sent_at_ms, next_attempt_at_ms);

-- Failed attempts per key (account, IP, account+IP) with an exponential back-off.
CREATE TABLE throttle (
    key              TEXT PRIMARY KEY,
    failures         BIGINT NOT NULL,
    window_start_ms  BIGINT NOT NULL,
    blocked_until_ms BIGINT NOT NULL
);

CREATE TABLE correction_requests (
    id              INTEGER PRIMARY KEY,
    account_id      BIGINT NOT NULL REFERENCES accounts (id),
    field           TEXT NOT NULL,
    requested_value TEXT NOT NULL,
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'done', 'rejected')),
    response        TEXT NULL,
    handled_by      BIGINT NULL REFERENCES accounts (id),
    handled_at_ms   BIGINT NULL,
    created_at_ms   BIGINT NOT NULL
);
CREATE INDEX correction_requests_status_idx ON correction_requests (status, created_at_ms);

ALTER TABLE audit_log ADD COLUMN actor_role TEXT NULL;
ALTER TABLE audit_log ADD COLUMN subject_account_id BIGINT NULL;
ALTER TABLE audit_log ADD COLUMN ip TEXT NULL;
ALTER TABLE audit_log ADD COLUMN request_id TEXT NULL;
CREATE INDEX audit_log_subject_account_idx ON audit_log (subject_account_id, at_ms);
