-- Review F5: the events that make a manpower report due besides the yearly one (UU 7/1981 Ps 8): a
-- planned move (a report 30 days before it and another within 30 days after), a planned closing (30 days
-- before) and a reopening (within 30 days after). The company declares each on the WLKP page; declaring
-- the same kind again replaces its date (one row per company and kind). The daily job wlkp_due_reminders
-- reminds once per due date until a report with the matching reason is filed.
CREATE TABLE manpower_events (
    id             INTEGER PRIMARY KEY,
    company_id     BIGINT NOT NULL REFERENCES companies (id),
    kind           TEXT NOT NULL CHECK (kind IN ('moving', 'closing', 'reopening')),
    event_date     TEXT NOT NULL,
    declared_by    BIGINT NOT NULL REFERENCES accounts (id),
    declared_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX manpower_events_kind_key ON manpower_events (company_id, kind);
