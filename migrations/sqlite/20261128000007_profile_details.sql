-- The rest of the seeker profile: job preferences, work history, certificates and training, and the
-- consent a person gives at the service counter for an officer to act on their behalf (SQLite).

ALTER TABLE seeker_profiles ADD COLUMN preferred_occupations TEXT NOT NULL DEFAULT '';
ALTER TABLE seeker_profiles ADD COLUMN preferred_sector TEXT NULL REFERENCES kbli_sections (code);
ALTER TABLE seeker_profiles ADD COLUMN preferred_district_code TEXT NULL REFERENCES regions (code);
ALTER TABLE seeker_profiles ADD COLUMN minimum_wage_idr BIGINT NULL CHECK (minimum_wage_idr >= 0);
ALTER TABLE seeker_profiles ADD COLUMN work_time TEXT NULL CHECK (work_time IN ('full_time', 'part_time', 'any'));
ALTER TABLE seeker_profiles ADD COLUMN shift TEXT NULL CHECK (shift IN ('day', 'rotating', 'any'));

CREATE TABLE seeker_work_history (
    id            INTEGER PRIMARY KEY,
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    employer      TEXT NOT NULL,
    position      TEXT NOT NULL,
    -- YYYY-MM; end_month NULL while the job continues.
    start_month   TEXT NOT NULL,
    end_month     TEXT NULL,
    duties        TEXT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX seeker_work_history_account_idx ON seeker_work_history (account_id);

CREATE TABLE seeker_certificates (
    id            INTEGER PRIMARY KEY,
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    kind          TEXT NOT NULL CHECK (kind IN ('certificate', 'training')),
    name          TEXT NOT NULL,
    issuer        TEXT NOT NULL,
    year          BIGINT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX seeker_certificates_account_idx ON seeker_certificates (account_id);

-- Counter (assisted) service: the person's consent, taken by the officer, lets that officer work on the
-- person's profile and AK-1 until the end of that WIB day.
CREATE TABLE assisted_consents (
    id                 INTEGER PRIMARY KEY,
    seeker_account_id  BIGINT NOT NULL REFERENCES accounts (id),
    officer_account_id BIGINT NOT NULL REFERENCES accounts (id),
    given_at_ms        BIGINT NOT NULL,
    expires_at_ms      BIGINT NOT NULL
);
CREATE INDEX assisted_consents_lookup_idx ON assisted_consents (seeker_account_id, officer_account_id, expires_at_ms);
