-- AK-1 re-reports (lapor diri every six months) and the reminders sent before each due date.

CREATE TABLE ak1_reports (
    id             INTEGER PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES ak1_applications (id),
    period         BIGINT NOT NULL CHECK (period BETWEEN 1 AND 3),
    reported_at_ms BIGINT NOT NULL,
    still_seeking  BIGINT NOT NULL CHECK (still_seeking IN (0, 1))
);
CREATE UNIQUE INDEX ak1_reports_application_period_key ON ak1_reports (application_id, period);

CREATE TABLE ak1_reminders (
    application_id BIGINT NOT NULL REFERENCES ak1_applications (id),
    period         BIGINT NOT NULL,
    sent_at_ms     BIGINT NOT NULL,
    PRIMARY KEY (application_id, period)
);
