-- Issue 24: the yearly manpower report (WLKP, UU 7/1981) and work-safety (K3) reports.

-- A submitted manpower report: locked once written. A correction is a new version; the version it
-- replaces keeps its row and gets superseded_at_ms. The sections are kept whole as JSON (data_json); the
-- figures the office filters and exports on are columns too.
CREATE TABLE manpower_reports (
    id                INTEGER PRIMARY KEY,
    company_id        BIGINT NOT NULL REFERENCES companies (id),
    year              BIGINT NOT NULL,
    version           BIGINT NOT NULL CHECK (version >= 1),
    reason            TEXT NOT NULL CHECK (reason IN ('yearly', 'founding', 'reopening', 'moving', 'closing')),
    data_json         TEXT NOT NULL,
    workforce_total   BIGINT NOT NULL CHECK (workforce_total >= 0),
    lowest_wage_idr   BIGINT NOT NULL CHECK (lowest_wage_idr >= 0),
    disability        BIGINT NOT NULL,
    bpjs_enrolled     BIGINT NOT NULL,
    warnings          TEXT NOT NULL,
    receipt_number    TEXT NOT NULL,
    verification_code TEXT NOT NULL,
    submitted_by      BIGINT NOT NULL REFERENCES accounts (id),
    submitted_at_ms   BIGINT NOT NULL,
    superseded_at_ms  BIGINT NULL
);
CREATE UNIQUE INDEX manpower_reports_version_key ON manpower_reports (company_id, year, version);
CREATE UNIQUE INDEX manpower_reports_code_key ON manpower_reports (verification_code);
CREATE INDEX manpower_reports_current_idx ON manpower_reports (company_id, superseded_at_ms);

-- Accident reports (Permenaker 03/1998): due within 2 x 24 hours of the event; a late one is accepted and
-- flagged. The victim's NIK is encrypted with its HMAC index, like every NIK.
CREATE TABLE k3_accidents (
    id                   INTEGER PRIMARY KEY,
    company_id           BIGINT NOT NULL REFERENCES companies (id),
    case_number          TEXT NOT NULL,
    victim_name          TEXT NOT NULL,
    victim_nik_ciphertext TEXT NOT NULL,
    victim_nik_hash      TEXT NOT NULL,
    victim_birth_date    TEXT NOT NULL,
    victim_sex           TEXT NOT NULL CHECK (victim_sex IN ('male', 'female')),
    victim_job           TEXT NOT NULL,
    victim_unit          TEXT NOT NULL,
    place                TEXT NOT NULL,
    occurred_at_ms       BIGINT NOT NULL,
    description          TEXT NOT NULL,
    task                 TEXT NOT NULL,
    witnesses            TEXT NOT NULL,
    agent                TEXT NOT NULL,
    outcome              TEXT NOT NULL CHECK (outcome IN ('died', 'injured', 'sick')),
    body_part            TEXT NOT NULL,
    treatment            TEXT NOT NULL,
    hospital             TEXT NOT NULL,
    lost_days            BIGINT NOT NULL CHECK (lost_days >= 0),
    loss_idr             BIGINT NOT NULL CHECK (loss_idr >= 0),
    late                 BIGINT NOT NULL CHECK (late IN (0, 1)),
    reported_by          BIGINT NOT NULL REFERENCES accounts (id),
    reported_at_ms       BIGINT NOT NULL
);
CREATE UNIQUE INDEX k3_accidents_case_key ON k3_accidents (case_number);
CREATE INDEX k3_accidents_company_idx ON k3_accidents (company_id, occurred_at_ms);

CREATE TABLE k3_accident_photos (
    id            INTEGER PRIMARY KEY,
    accident_id   BIGINT NOT NULL REFERENCES k3_accidents (id),
    storage_key   TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX k3_accident_photos_accident_idx ON k3_accident_photos (accident_id);

-- Self-checks: P2K3 (the committee) and SMK3 (PP 50/2012: 64, 122 or 166 criteria by level).
CREATE TABLE k3_self_checks (
    id              INTEGER PRIMARY KEY,
    company_id      BIGINT NOT NULL REFERENCES companies (id),
    kind            TEXT NOT NULL CHECK (kind IN ('p2k3', 'smk3')),
    level           TEXT NOT NULL,
    criteria        BIGINT NOT NULL,
    met             BIGINT NOT NULL,
    critical        BIGINT NOT NULL,
    percentage      BIGINT NOT NULL CHECK (percentage BETWEEN 0 AND 100),
    category        TEXT NOT NULL,
    detail_json     TEXT NOT NULL,
    submitted_by    BIGINT NOT NULL REFERENCES accounts (id),
    submitted_at_ms BIGINT NOT NULL
);
CREATE INDEX k3_self_checks_company_idx ON k3_self_checks (company_id, kind, submitted_at_ms);

-- The province's inspection findings attached by an officer, and their orders with due dates.
CREATE TABLE k3_inspections (
    id            INTEGER PRIMARY KEY,
    company_id    BIGINT NOT NULL REFERENCES companies (id),
    inspected_on  TEXT NOT NULL,
    summary       TEXT NOT NULL,
    document_key  TEXT NOT NULL,
    created_by    BIGINT NOT NULL REFERENCES accounts (id),
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX k3_inspections_company_idx ON k3_inspections (company_id);

CREATE TABLE k3_orders (
    id            INTEGER PRIMARY KEY,
    inspection_id BIGINT NOT NULL REFERENCES k3_inspections (id),
    company_id    BIGINT NOT NULL REFERENCES companies (id),
    description   TEXT NOT NULL,
    due_date      TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'done')),
    done_note     TEXT NULL,
    evidence_key  TEXT NULL,
    done_by       BIGINT NULL REFERENCES accounts (id),
    done_at_ms    BIGINT NULL
);
CREATE INDEX k3_orders_company_idx ON k3_orders (company_id, status);
CREATE INDEX k3_orders_due_idx ON k3_orders (status, due_date);
