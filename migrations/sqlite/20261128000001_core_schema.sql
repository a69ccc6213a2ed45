-- Core schema of d'naker DIGI (SQLite). Conventions: see src/server/db.rs.
-- Ids: INTEGER PRIMARY KEY (SQLite's rowid alias; BIGINT on PostgreSQL). Instants: *_at_ms epoch ms UTC.

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province', 'regency', 'district', 'village')),
    parent_code TEXT NULL REFERENCES regions (code)
);
CREATE INDEX regions_parent_idx ON regions (parent_code);

CREATE TABLE education_levels (
    code    TEXT PRIMARY KEY,
    rank    BIGINT NOT NULL,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE kbli_sections (
    code    TEXT PRIMARY KEY,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE kbli_divisions (
    code         TEXT PRIMARY KEY,
    section_code TEXT NOT NULL REFERENCES kbli_sections (code),
    name_id      TEXT NOT NULL,
    name_en      TEXT NOT NULL
);

CREATE TABLE minimum_wages (
    id          INTEGER PRIMARY KEY,
    region_code TEXT NOT NULL REFERENCES regions (code),
    year        BIGINT NOT NULL,
    sector_code TEXT NULL,
    amount_idr  BIGINT NOT NULL CHECK (amount_idr > 0),
    legal_basis TEXT NOT NULL
);
CREATE UNIQUE INDEX minimum_wages_region_year_sector_key ON minimum_wages (region_code, year, COALESCE(sector_code, ''));

CREATE TABLE holidays (
    date    TEXT PRIMARY KEY,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama'))
);

CREATE TABLE companies (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    nib           TEXT NOT NULL,
    npwp          TEXT NOT NULL,
    kbli_section  TEXT NOT NULL REFERENCES kbli_sections (code),
    kbli_division TEXT NULL REFERENCES kbli_divisions (code),
    district_code TEXT NULL REFERENCES regions (code),
    address       TEXT NOT NULL,
    size_band     TEXT NOT NULL CHECK (size_band IN ('mikro', 'kecil', 'menengah', 'besar')),
    contact_name  TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    verified      BIGINT NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    created_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX companies_nib_key ON companies (nib);

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('seeker', 'company', 'officer', 'admin')),
    company_id    BIGINT NULL REFERENCES companies (id),
    password_hash TEXT NOT NULL,
    disabled      BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);

CREATE TABLE vacancies (
    id             INTEGER PRIMARY KEY,
    company_id     BIGINT NOT NULL REFERENCES companies (id),
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    kbli_section   TEXT NOT NULL REFERENCES kbli_sections (code),
    education_code TEXT NOT NULL REFERENCES education_levels (code),
    district_code  TEXT NOT NULL REFERENCES regions (code),
    wage_min_idr   BIGINT NOT NULL,
    wage_max_idr   BIGINT NOT NULL,
    headcount      BIGINT NOT NULL CHECK (headcount > 0),
    work_type      TEXT NOT NULL,
    deadline       TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'rejected', 'closed')),
    created_at_ms  BIGINT NOT NULL
);
CREATE INDEX vacancies_status_created_idx ON vacancies (status, created_at_ms);
CREATE INDEX vacancies_company_idx ON vacancies (company_id);

CREATE TABLE audit_log (
    id               INTEGER PRIMARY KEY,
    at_ms            BIGINT NOT NULL,
    actor_account_id BIGINT NULL REFERENCES accounts (id),
    action           TEXT NOT NULL,
    subject_type     TEXT NOT NULL,
    subject_id       TEXT NULL,
    detail           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_account_id, at_ms);
