-- Training programmes (issue 25): programmes run by the BLK, companies or partners, registrations with
-- selection and ordered reserves, sessions with attendance, results with certificates, the verified
-- skills wallet, follow-up answers and ratings.
-- Places are held by counters changed with conditional UPDATEs (`held < quota`, `reserve_held < reserves`),
-- so simultaneous registrations never take more places or reserves than offered.
CREATE TABLE training_programmes (
    id                     INTEGER PRIMARY KEY,
    provider_kind          TEXT NOT NULL CHECK (provider_kind IN ('blk', 'company', 'partner')),
    company_id             BIGINT NULL REFERENCES companies (id),
    provider_name          TEXT NOT NULL,
    title                  TEXT NOT NULL,
    description            TEXT NOT NULL,
    kbji_code              TEXT NOT NULL,
    skills                 TEXT NOT NULL,
    skkni_units            TEXT NOT NULL DEFAULT '',
    format                 TEXT NOT NULL CHECK (format IN ('in_person', 'online', 'mixed')),
    district_code          TEXT NOT NULL,
    starts_on              TEXT NOT NULL,
    ends_on                TEXT NOT NULL,
    hours                  BIGINT NOT NULL CHECK (hours > 0),
    quota                  BIGINT NOT NULL CHECK (quota > 0),
    reserves               BIGINT NOT NULL CHECK (reserves >= 0),
    held                   BIGINT NOT NULL DEFAULT 0,
    reserve_held           BIGINT NOT NULL DEFAULT 0,
    reserve_seq            BIGINT NOT NULL DEFAULT 0,
    min_age                BIGINT NOT NULL,
    max_age                BIGINT NOT NULL,
    min_education          TEXT NOT NULL DEFAULT '',
    requires_ak1           BIGINT NOT NULL DEFAULT 0,
    eligible_district      TEXT NOT NULL DEFAULT '',
    cost_idr               BIGINT NOT NULL DEFAULT 0 CHECK (cost_idr >= 0),
    registration_opens_on  TEXT NOT NULL,
    registration_closes_on TEXT NOT NULL,
    selection              TEXT NOT NULL CHECK (selection IN ('none', 'test', 'interview')),
    selection_on           TEXT NOT NULL DEFAULT '',
    status                 TEXT NOT NULL CHECK (status IN ('published', 'finished', 'cancelled')),
    created_by             BIGINT NOT NULL REFERENCES accounts (id),
    created_at_ms          BIGINT NOT NULL,
    updated_at_ms          BIGINT NOT NULL,
    CHECK (held >= 0 AND held <= quota),
    CHECK (reserve_held >= 0 AND reserve_held <= reserves)
);
CREATE INDEX training_programmes_status_idx ON training_programmes (status, starts_on);
CREATE INDEX training_programmes_company_idx ON training_programmes (company_id);

-- One active registration per person and programme (a withdrawn one does not count).
CREATE TABLE training_registrations (
    id                   INTEGER PRIMARY KEY,
    programme_id         BIGINT NOT NULL REFERENCES training_programmes (id),
    seeker_account_id    BIGINT NOT NULL REFERENCES accounts (id),
    status               TEXT NOT NULL CHECK (status IN ('registered', 'accepted', 'reserve', 'not_accepted',
                             'withdrawn', 'completed', 'passed', 'not_completed')),
    reserve_rank         BIGINT NULL,
    created_at_ms        BIGINT NOT NULL,
    updated_at_ms        BIGINT NOT NULL,
    result_at_ms         BIGINT NULL,
    certificate_code     TEXT NULL,
    followup3_asked_at_ms BIGINT NULL,
    followup3_working    BIGINT NULL,
    followup3_employer   TEXT NULL,
    followup3_occupation TEXT NULL,
    followup6_asked_at_ms BIGINT NULL,
    followup6_working    BIGINT NULL,
    followup6_employer   TEXT NULL,
    followup6_occupation TEXT NULL,
    rating               BIGINT NULL CHECK (rating BETWEEN 1 AND 5),
    rating_comment       TEXT NULL
);
CREATE UNIQUE INDEX training_registrations_active_key ON training_registrations (programme_id, seeker_account_id)
    WHERE status <> 'withdrawn';
CREATE UNIQUE INDEX training_registrations_certificate_key ON training_registrations (certificate_code);
CREATE INDEX training_registrations_seeker_idx ON training_registrations (seeker_account_id);
CREATE INDEX training_registrations_reserve_idx ON training_registrations (programme_id, status, reserve_rank);

CREATE TABLE training_sessions (
    id            INTEGER PRIMARY KEY,
    programme_id  BIGINT NOT NULL REFERENCES training_programmes (id),
    session_on    TEXT NOT NULL,
    topic         TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX training_sessions_programme_idx ON training_sessions (programme_id, session_on);

CREATE TABLE training_attendance (
    session_id      BIGINT NOT NULL REFERENCES training_sessions (id),
    registration_id BIGINT NOT NULL REFERENCES training_registrations (id),
    present         BIGINT NOT NULL CHECK (present IN (0, 1)),
    recorded_by     BIGINT NOT NULL REFERENCES accounts (id),
    recorded_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (session_id, registration_id)
);

-- The skills wallet: skills verified by a completed programme, with the certificate that proves them.
CREATE TABLE training_skills (
    id               INTEGER PRIMARY KEY,
    account_id       BIGINT NOT NULL REFERENCES accounts (id),
    skill            TEXT NOT NULL,
    registration_id  BIGINT NOT NULL REFERENCES training_registrations (id),
    certificate_code TEXT NOT NULL,
    verified_at_ms   BIGINT NOT NULL
);
CREATE UNIQUE INDEX training_skills_account_skill_key ON training_skills (account_id, skill);

-- The verified skills as matching reads them (a comma list kept in step with training_skills).
ALTER TABLE seeker_profiles ADD COLUMN verified_skills TEXT NOT NULL DEFAULT '';
