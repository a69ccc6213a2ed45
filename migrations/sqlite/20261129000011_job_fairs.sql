-- Job fairs (online, on-site, hybrid): events, company booths with their vacancies, visitor registrations
-- with QR tickets and check-in, timed booth slots with capacity, booth visits (SQLite).
-- Capacity is enforced by counters changed with conditional UPDATEs (`... WHERE registered < capacity`),
-- so simultaneous requests can never book beyond it on either backend.
CREATE TABLE job_fairs (
    id                     INTEGER PRIMARY KEY,
    name                   TEXT NOT NULL,
    description            TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('online', 'onsite', 'hybrid')),
    venue                  TEXT NOT NULL,
    map_url                TEXT NULL,
    starts_on              TEXT NOT NULL,
    ends_on                TEXT NOT NULL,
    opens_at               TEXT NOT NULL,
    closes_at              TEXT NOT NULL,
    registration_opens_on  TEXT NOT NULL,
    registration_closes_on TEXT NOT NULL,
    capacity               BIGINT NOT NULL CHECK (capacity > 0),
    registered             BIGINT NOT NULL DEFAULT 0,
    status                 TEXT NOT NULL CHECK (status IN ('draft', 'published', 'closed', 'cancelled')),
    cancel_reason          TEXT NULL,
    created_by             BIGINT NOT NULL REFERENCES accounts (id),
    created_at_ms          BIGINT NOT NULL,
    updated_at_ms          BIGINT NOT NULL,
    CHECK (registered <= capacity)
);
CREATE INDEX job_fairs_status_idx ON job_fairs (status, starts_on);

CREATE TABLE fair_booths (
    id             INTEGER PRIMARY KEY,
    fair_id        BIGINT NOT NULL REFERENCES job_fairs (id),
    company_id     BIGINT NOT NULL REFERENCES companies (id),
    status         TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected')),
    description    TEXT NOT NULL,
    contact_hours  TEXT NOT NULL,
    banner_key     TEXT NULL,
    officer_note   TEXT NULL,
    requested_by   BIGINT NOT NULL REFERENCES accounts (id),
    created_at_ms  BIGINT NOT NULL,
    decided_by     BIGINT NULL REFERENCES accounts (id),
    decided_at_ms  BIGINT NULL
);
CREATE UNIQUE INDEX fair_booths_fair_company_key ON fair_booths (fair_id, company_id);
CREATE INDEX fair_booths_company_idx ON fair_booths (company_id);

CREATE TABLE fair_booth_vacancies (
    booth_id   BIGINT NOT NULL REFERENCES fair_booths (id),
    vacancy_id BIGINT NOT NULL REFERENCES vacancies (id),
    PRIMARY KEY (booth_id, vacancy_id)
);

-- One registration per person and fair; the ticket code is what the QR code carries.
CREATE TABLE fair_registrations (
    id                INTEGER PRIMARY KEY,
    fair_id           BIGINT NOT NULL REFERENCES job_fairs (id),
    seeker_account_id BIGINT NOT NULL REFERENCES accounts (id),
    ticket_code       TEXT NOT NULL,
    created_at_ms     BIGINT NOT NULL,
    checked_in_at_ms  BIGINT NULL,
    checked_in_by     BIGINT NULL REFERENCES accounts (id)
);
CREATE UNIQUE INDEX fair_registrations_fair_seeker_key ON fair_registrations (fair_id, seeker_account_id);
CREATE UNIQUE INDEX fair_registrations_ticket_key ON fair_registrations (ticket_code);
CREATE INDEX fair_registrations_seeker_idx ON fair_registrations (seeker_account_id);

-- Interview slots: `starts_at` is WIB wall-clock time, `YYYY-MM-DD HH:MM`.
CREATE TABLE booth_slots (
    id         INTEGER PRIMARY KEY,
    booth_id   BIGINT NOT NULL REFERENCES fair_booths (id),
    starts_at  TEXT NOT NULL,
    minutes    BIGINT NOT NULL CHECK (minutes > 0),
    capacity   BIGINT NOT NULL CHECK (capacity > 0),
    booked     BIGINT NOT NULL DEFAULT 0,
    video_url  TEXT NULL,
    CHECK (booked <= capacity)
);
CREATE UNIQUE INDEX booth_slots_booth_start_key ON booth_slots (booth_id, starts_at);

-- A seeker holds at most one live booking per booth (a cancelled one does not count).
CREATE TABLE slot_bookings (
    id                INTEGER PRIMARY KEY,
    slot_id           BIGINT NOT NULL REFERENCES booth_slots (id),
    booth_id          BIGINT NOT NULL REFERENCES fair_booths (id),
    seeker_account_id BIGINT NOT NULL REFERENCES accounts (id),
    status            TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'attended', 'missed')),
    created_at_ms     BIGINT NOT NULL,
    updated_at_ms     BIGINT NOT NULL
);
CREATE UNIQUE INDEX slot_bookings_live_key ON slot_bookings (booth_id, seeker_account_id) WHERE status <> 'cancelled';
CREATE INDEX slot_bookings_slot_idx ON slot_bookings (slot_id, status);
CREATE INDEX slot_bookings_seeker_idx ON slot_bookings (seeker_account_id);

-- A ticket scanned at a booth: one visit per ticket and booth.
CREATE TABLE booth_visits (
    booth_id        BIGINT NOT NULL REFERENCES fair_booths (id),
    registration_id BIGINT NOT NULL REFERENCES fair_registrations (id),
    at_ms           BIGINT NOT NULL,
    PRIMARY KEY (booth_id, registration_id)
);

-- An application made from a booth page counts for the fair.
ALTER TABLE job_applications ADD COLUMN fair_id BIGINT NULL REFERENCES job_fairs (id);
CREATE INDEX job_applications_fair_idx ON job_applications (fair_id);
