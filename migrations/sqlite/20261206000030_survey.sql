-- The IKM satisfaction survey (PermenPANRB 14/2017): one-time invitations after a finished service, and their
-- answers (nine elements scored 1-4). The answer is stored once on the invitation: a guarded UPDATE on
-- answered_at_ms IS NULL.
CREATE TABLE survey_invitations (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL,
    service_key    TEXT NOT NULL,
    subject_ref    TEXT NOT NULL,
    account_id     BIGINT NULL REFERENCES accounts (id),
    created_at_ms  BIGINT NOT NULL,
    answered_at_ms BIGINT NULL,
    q1             BIGINT NULL CHECK (q1 BETWEEN 1 AND 4),
    q2             BIGINT NULL CHECK (q2 BETWEEN 1 AND 4),
    q3             BIGINT NULL CHECK (q3 BETWEEN 1 AND 4),
    q4             BIGINT NULL CHECK (q4 BETWEEN 1 AND 4),
    q5             BIGINT NULL CHECK (q5 BETWEEN 1 AND 4),
    q6             BIGINT NULL CHECK (q6 BETWEEN 1 AND 4),
    q7             BIGINT NULL CHECK (q7 BETWEEN 1 AND 4),
    q8             BIGINT NULL CHECK (q8 BETWEEN 1 AND 4),
    q9             BIGINT NULL CHECK (q9 BETWEEN 1 AND 4),
    suggestion     TEXT NULL
);
CREATE UNIQUE INDEX survey_invitations_code_key ON survey_invitations (code);
CREATE INDEX survey_invitations_answered_idx ON survey_invitations (answered_at_ms);
