-- Foreign workers (TKA) reported by companies, their reports and expiry reminders, and the DKPTKA levy bills
-- for RPTKA extensions with payment proofs and officer validation (SQLite).
-- Passport numbers and the counterparts' NIKs are personal data: encrypted, with keyed hashes for look-ups.
CREATE TABLE tka_workers (
    id                         INTEGER PRIMARY KEY,
    company_id                 BIGINT NOT NULL REFERENCES companies (id),
    name                       TEXT NOT NULL,
    passport_ciphertext        TEXT NOT NULL,
    passport_hash              TEXT NOT NULL,
    nationality                TEXT NOT NULL,
    sex                        TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    position                   TEXT NOT NULL,
    occupation_code            TEXT NOT NULL REFERENCES kbji_groups (code),
    rptka_number               TEXT NOT NULL,
    rptka_start                TEXT NOT NULL,
    rptka_end                  TEXT NOT NULL,
    permit_number              TEXT NOT NULL,
    permit_start               TEXT NOT NULL,
    permit_end                 TEXT NOT NULL,
    district_code              TEXT NOT NULL REFERENCES regions (code),
    start_date                 TEXT NOT NULL,
    end_date                   TEXT NOT NULL,
    counterpart_name           TEXT NOT NULL,
    counterpart_nik_ciphertext TEXT NOT NULL,
    counterpart_nik_hash       TEXT NOT NULL,
    counterpart_position       TEXT NOT NULL,
    counterpart_progress       BIGINT NOT NULL CHECK (counterpart_progress BETWEEN 0 AND 100),
    language_training          TEXT NOT NULL CHECK (language_training IN ('none', 'ongoing', 'done')),
    status                     TEXT NOT NULL CHECK (status IN ('active', 'left')),
    left_on                    TEXT NULL,
    left_reason                TEXT NULL,
    created_by                 BIGINT NOT NULL REFERENCES accounts (id),
    created_at_ms              BIGINT NOT NULL,
    updated_at_ms              BIGINT NOT NULL
);
CREATE UNIQUE INDEX tka_workers_company_passport_key ON tka_workers (company_id, passport_hash);
CREATE INDEX tka_workers_rptka_idx ON tka_workers (company_id, rptka_number);
CREATE INDEX tka_workers_permit_end_idx ON tka_workers (status, permit_end);
CREATE INDEX tka_workers_rptka_end_idx ON tka_workers (status, rptka_end);

-- The yearly presence report (once per company and year) and the early-leave reports.
CREATE TABLE tka_reports (
    id            INTEGER PRIMARY KEY,
    company_id    BIGINT NOT NULL REFERENCES companies (id),
    kind          TEXT NOT NULL CHECK (kind IN ('yearly', 'early_leave')),
    year          BIGINT NOT NULL,
    worker_id     BIGINT NULL REFERENCES tka_workers (id),
    workers       BIGINT NOT NULL,
    submitted_by  BIGINT NOT NULL REFERENCES accounts (id),
    submitted_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX tka_reports_yearly_key ON tka_reports (company_id, year) WHERE kind = 'yearly';

-- One reminder per worker, document (permit or RPTKA) and lead time, however many instances run the job.
CREATE TABLE tka_reminders (
    worker_id   BIGINT NOT NULL REFERENCES tka_workers (id),
    document    TEXT NOT NULL CHECK (document IN ('permit', 'rptka')),
    days_before BIGINT NOT NULL,
    sent_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (worker_id, document, days_before)
);

-- Levy bills: USD 100 per position per month (a part month counts whole), converted at the payment date's
-- rate (kept with its source). Money: USD in cents, rupiah whole; the rate in hundredths of a rupiah.
CREATE TABLE dkptka_bills (
    id                 INTEGER PRIMARY KEY,
    company_id         BIGINT NOT NULL REFERENCES companies (id),
    bill_number        TEXT NOT NULL,
    rptka_number       TEXT NOT NULL,
    period_start       TEXT NOT NULL,
    period_end         TEXT NOT NULL,
    positions          BIGINT NOT NULL CHECK (positions > 0),
    months             BIGINT NOT NULL CHECK (months > 0),
    amount_usd_cents   BIGINT NOT NULL,
    rate_hundredths    BIGINT NOT NULL CHECK (rate_hundredths > 0),
    rate_date          TEXT NOT NULL,
    rate_source        TEXT NOT NULL,
    amount_idr         BIGINT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('unpaid', 'submitted', 'validated', 'rejected', 'cancelled')),
    payment_reference  TEXT NULL,
    paid_on            TEXT NULL,
    proof_key          TEXT NULL,
    submitted_at_ms    BIGINT NULL,
    due_at_ms          BIGINT NULL,
    officer_note       TEXT NULL,
    decided_by         BIGINT NULL REFERENCES accounts (id),
    decided_at_ms      BIGINT NULL,
    verification_code  TEXT NULL,
    created_by         BIGINT NOT NULL REFERENCES accounts (id),
    created_at_ms      BIGINT NOT NULL
);
CREATE UNIQUE INDEX dkptka_bills_number_key ON dkptka_bills (bill_number);
CREATE UNIQUE INDEX dkptka_bills_code_key ON dkptka_bills (verification_code);
CREATE INDEX dkptka_bills_company_idx ON dkptka_bills (company_id, created_at_ms);
CREATE INDEX dkptka_bills_queue_idx ON dkptka_bills (status, submitted_at_ms);

-- One row per company and RPTKA, updated first in every billing transaction: it serializes the bills of
-- one RPTKA on both backends, so two simultaneous bills cannot both pass the overlap check.
CREATE TABLE dkptka_rptkas (
    company_id   BIGINT NOT NULL REFERENCES companies (id),
    rptka_number TEXT NOT NULL,
    bills        BIGINT NOT NULL,
    PRIMARY KEY (company_id, rptka_number)
);

CREATE TABLE dkptka_number_counters (
    year        BIGINT PRIMARY KEY,
    last_serial BIGINT NOT NULL
);
