-- Job-seeker profile and the AK-1 card (SQLite).

CREATE TABLE seeker_profiles (
    account_id        INTEGER PRIMARY KEY REFERENCES accounts (id),
    marital_status    TEXT NULL CHECK (marital_status IN ('belum_kawin', 'kawin', 'cerai_hidup', 'cerai_mati')),
    religion          TEXT NULL,
    address           TEXT NULL,
    district_code     TEXT NULL REFERENCES regions (code),
    village_code      TEXT NULL REFERENCES regions (code),
    address_elsewhere TEXT NULL,
    education_level   TEXT NULL REFERENCES education_levels (code),
    school            TEXT NULL,
    major             TEXT NULL,
    graduation_year   BIGINT NULL,
    skills            TEXT NOT NULL DEFAULT '',
    updated_at_ms     BIGINT NOT NULL
);

CREATE TABLE ak1_applications (
    id                INTEGER PRIMARY KEY,
    account_id        BIGINT NOT NULL REFERENCES accounts (id),
    status            TEXT NOT NULL CHECK (status IN ('waiting', 'revision', 'issued', 'rejected', 'closed')),
    submitted_at_ms   BIGINT NOT NULL,
    due_at_ms         BIGINT NOT NULL,
    officer_note      TEXT NULL,
    decided_by        BIGINT NULL REFERENCES accounts (id),
    decided_at_ms     BIGINT NULL,
    card_number       TEXT NULL,
    issued_on         TEXT NULL,
    valid_until       TEXT NULL,
    verification_code TEXT NULL,
    closed_reason     TEXT NULL
);
CREATE UNIQUE INDEX ak1_applications_card_number_key ON ak1_applications (card_number);
CREATE UNIQUE INDEX ak1_applications_verification_code_key ON ak1_applications (verification_code);
CREATE INDEX ak1_applications_status_idx ON ak1_applications (status, submitted_at_ms);
CREATE INDEX ak1_applications_account_idx ON ak1_applications (account_id);

-- Every status change: who, when, why.
CREATE TABLE ak1_events (
    id               INTEGER PRIMARY KEY,
    application_id   BIGINT NOT NULL REFERENCES ak1_applications (id),
    at_ms            BIGINT NOT NULL,
    actor_account_id BIGINT NULL REFERENCES accounts (id),
    from_status      TEXT NULL,
    to_status        TEXT NOT NULL,
    reason           TEXT NULL
);
CREATE INDEX ak1_events_application_idx ON ak1_events (application_id, at_ms);

-- Card numbers are sequential per year without gaps: the counter row is updated in the issuing transaction.
CREATE TABLE ak1_number_counters (
    year        BIGINT PRIMARY KEY,
    last_serial BIGINT NOT NULL
);
