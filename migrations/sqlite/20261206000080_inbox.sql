-- The one inbox (issue 28): e-mail copies per category (a row only when the person switched one off;
-- mandatory categories ignore it), and one automated notice per job, recipient and period (the jobs'
-- idempotency key, written in the notice's transaction).
CREATE TABLE notice_email_prefs (
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    category      TEXT NOT NULL,
    email_on      BIGINT NOT NULL CHECK (email_on IN (0, 1)),
    updated_at_ms BIGINT NOT NULL,
    PRIMARY KEY (account_id, category)
);

CREATE TABLE notice_once (
    job        TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    period     TEXT NOT NULL,
    sent_at_ms BIGINT NOT NULL,
    PRIMARY KEY (job, account_id, period)
);

CREATE INDEX notifications_unread_idx ON notifications (account_id, read_at_ms);
