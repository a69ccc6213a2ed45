-- PKWT (fixed-term contract) registrations, their officer decisions and reminders, the bulk-import staging
-- area, and the runs of the daily jobs (SQLite).
-- The worker's identity number (NIK, or the passport number of a foreign worker) is kept like the seekers'
-- NIK: encrypted, with a keyed hash for look-ups (a seeker sees the contracts whose hash matches theirs).
CREATE TABLE pkwt_contracts (
    id                    INTEGER PRIMARY KEY,
    company_id            BIGINT NOT NULL REFERENCES companies (id),
    worker_id_ciphertext  TEXT NOT NULL,
    worker_id_hash        TEXT NOT NULL,
    worker_name           TEXT NOT NULL,
    worker_sex            TEXT NOT NULL CHECK (worker_sex IN ('male', 'female')),
    worker_birth_date     TEXT NOT NULL,
    worker_address        TEXT NOT NULL,
    foreign_worker        BIGINT NOT NULL CHECK (foreign_worker IN (0, 1)),
    position              TEXT NOT NULL,
    workplace             TEXT NOT NULL,
    wage_idr              BIGINT NOT NULL CHECK (wage_idr > 0),
    wage_with_allowances  BIGINT NOT NULL CHECK (wage_with_allowances IN (0, 1)),
    contract_kind         TEXT NOT NULL CHECK (contract_kind IN ('period', 'daily')),
    days_per_month        BIGINT NULL,
    start_date            TEXT NOT NULL,
    end_date              TEXT NOT NULL,
    signed_place          TEXT NOT NULL,
    signed_date           TEXT NOT NULL,
    link_kind             TEXT NOT NULL CHECK (link_kind IN ('new', 'extension', 'renewal')),
    previous_id           BIGINT NULL REFERENCES pkwt_contracts (id),
    document_key          TEXT NULL,
    import_id             BIGINT NULL,
    late                  BIGINT NOT NULL CHECK (late IN (0, 1)),
    status                TEXT NOT NULL CHECK (status IN ('waiting', 'approved', 'rejected', 'revision')),
    submitted_at_ms       BIGINT NOT NULL,
    due_at_ms             BIGINT NOT NULL,
    submitted_by          BIGINT NOT NULL REFERENCES accounts (id),
    decided_by            BIGINT NULL REFERENCES accounts (id),
    decided_at_ms         BIGINT NULL,
    officer_note          TEXT NULL,
    registration_number   TEXT NULL,
    verification_code     TEXT NULL,
    ended_on              TEXT NULL,
    ended_early           BIGINT NOT NULL DEFAULT 0 CHECK (ended_early IN (0, 1))
);
CREATE INDEX pkwt_contracts_company_idx ON pkwt_contracts (company_id, submitted_at_ms);
CREATE INDEX pkwt_contracts_worker_idx ON pkwt_contracts (worker_id_hash, company_id);
CREATE INDEX pkwt_contracts_queue_idx ON pkwt_contracts (status, submitted_at_ms);
CREATE INDEX pkwt_contracts_end_idx ON pkwt_contracts (status, end_date);
CREATE UNIQUE INDEX pkwt_contracts_number_key ON pkwt_contracts (registration_number);
CREATE UNIQUE INDEX pkwt_contracts_code_key ON pkwt_contracts (verification_code);

CREATE TABLE pkwt_number_counters (
    year        BIGINT PRIMARY KEY,
    last_serial BIGINT NOT NULL
);

-- One reminder per contract and lead time (30 or 7 days), whatever number of instances run the job.
CREATE TABLE pkwt_reminders (
    contract_id BIGINT NOT NULL REFERENCES pkwt_contracts (id),
    days_before BIGINT NOT NULL,
    sent_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (contract_id, days_before)
);

-- A company is warned once per new minimum wage about its active contracts below it.
CREATE TABLE umk_warnings (
    company_id  BIGINT NOT NULL REFERENCES companies (id),
    year        BIGINT NOT NULL,
    contracts   BIGINT NOT NULL,
    sent_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (company_id, year)
);

-- A checked bulk file waiting for the company's confirmation: the valid rows as JSON, nothing registered yet.
CREATE TABLE pkwt_imports (
    id              INTEGER PRIMARY KEY,
    company_id      BIGINT NOT NULL REFERENCES companies (id),
    created_by      BIGINT NOT NULL REFERENCES accounts (id),
    created_at_ms   BIGINT NOT NULL,
    file_name       TEXT NOT NULL,
    rows_json       TEXT NOT NULL,
    valid_rows      BIGINT NOT NULL,
    invalid_rows    BIGINT NOT NULL,
    confirmed_at_ms BIGINT NULL
);
CREATE INDEX pkwt_imports_company_idx ON pkwt_imports (company_id, created_at_ms);

-- Each daily job runs once per WIB day across every instance: the first to insert the row runs it.
CREATE TABLE job_runs (
    job            TEXT NOT NULL,
    run_on         TEXT NOT NULL,
    instance       TEXT NOT NULL,
    started_at_ms  BIGINT NOT NULL,
    finished_at_ms BIGINT NULL,
    outcome        TEXT NULL,
    detail         TEXT NULL,
    PRIMARY KEY (job, run_on)
);
