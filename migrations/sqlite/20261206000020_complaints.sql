-- Complaints and labour disputes (issue 22, DESIGN.md section 12; UU 2/2004): the complaint with its privacy level,
-- the legal clocks of each step, the timeline (messages, steps, minutes), mediation sessions and uploaded files.
-- An anonymous complaint stores no account, name, e-mail or phone: the CHECK below makes it impossible.
CREATE TABLE complaints (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL,
    company_id         BIGINT NULL REFERENCES companies (id),
    company_name       TEXT NOT NULL,
    category           TEXT NOT NULL,
    privacy            TEXT NOT NULL CHECK (privacy IN ('open', 'confidential', 'anonymous')),
    status             TEXT NOT NULL,
    account_id         BIGINT NULL REFERENCES accounts (id),
    complainant_name   TEXT NULL,
    complainant_email  TEXT NULL,
    complainant_phone  TEXT NULL,
    description        TEXT NOT NULL,
    since_date         TEXT NOT NULL,
    workers_affected   BIGINT NOT NULL,
    wish               TEXT NOT NULL,
    lapor_id           TEXT NULL,
    officer_id         BIGINT NULL REFERENCES accounts (id),
    follow_up_plan     TEXT NULL,
    referred_to        TEXT NULL,
    unlocked_at_ms     BIGINT NULL,
    unlocked_by        BIGINT NULL REFERENCES accounts (id),
    unlock_reason      TEXT NULL,
    anjuran            TEXT NULL,
    anjuran_on         TEXT NULL,
    worker_answer      TEXT NULL,
    company_answer     TEXT NULL,
    agreement          TEXT NULL,
    outcome            TEXT NULL,
    closed_at_ms       BIGINT NULL,
    survey_code        TEXT NULL,
    rating             BIGINT NULL CHECK (rating BETWEEN 1 AND 4),
    filed_at_ms        BIGINT NOT NULL,
    updated_at_ms      BIGINT NOT NULL,
    CHECK (privacy <> 'anonymous' OR (account_id IS NULL AND complainant_name IS NULL
           AND complainant_email IS NULL AND complainant_phone IS NULL))
);
CREATE UNIQUE INDEX complaints_code ON complaints (code);
CREATE INDEX complaints_status ON complaints (status, filed_at_ms);
CREATE INDEX complaints_company ON complaints (company_id);
CREATE INDEX complaints_account ON complaints (account_id);

-- One row per legal clock a case has run: when it started, when it falls due, when the step was done.
CREATE TABLE complaint_clocks (
    id           INTEGER PRIMARY KEY,
    complaint_id BIGINT NOT NULL REFERENCES complaints (id),
    step         TEXT NOT NULL,
    started_on   TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    done_on      TEXT NULL,
    alerted      BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX complaint_clocks_step ON complaint_clocks (complaint_id, step);
CREATE INDEX complaint_clocks_open ON complaint_clocks (done_on, due_on);

-- The timeline: messages, steps, minutes. company_sees = 0 hides a row from the company (the complainant's
-- own messages may identify them).
CREATE TABLE complaint_events (
    id           INTEGER PRIMARY KEY,
    complaint_id BIGINT NOT NULL REFERENCES complaints (id),
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    by_role      TEXT NOT NULL CHECK (by_role IN ('complainant', 'company', 'officer', 'system')),
    company_sees BIGINT NOT NULL DEFAULT 1,
    at_ms        BIGINT NOT NULL
);
CREATE INDEX complaint_events_case ON complaint_events (complaint_id, at_ms);

CREATE TABLE complaint_sessions (
    id           INTEGER PRIMARY KEY,
    complaint_id BIGINT NOT NULL REFERENCES complaints (id),
    number       BIGINT NOT NULL,
    held_on      TEXT NOT NULL,
    place        TEXT NOT NULL,
    minutes      TEXT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX complaint_sessions_number ON complaint_sessions (complaint_id, number);

-- Evidence and documents, checked by their bytes (PDF, JPEG, PNG) and kept in server::storage.
CREATE TABLE complaint_files (
    id           INTEGER PRIMARY KEY,
    complaint_id BIGINT NOT NULL REFERENCES complaints (id),
    by_role      TEXT NOT NULL CHECK (by_role IN ('complainant', 'company', 'officer')),
    storage_key  TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   BIGINT NOT NULL,
    at_ms        BIGINT NOT NULL
);
CREATE INDEX complaint_files_case ON complaint_files (complaint_id);
