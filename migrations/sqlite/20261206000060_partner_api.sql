-- Partner API (issue 26): scoped keys for partner systems, their per-minute call windows, and outgoing
-- webhooks (Standard Webhooks) fed by an outbox written in the same transaction as the change.

-- A key is shown once (dnk_live_…); only its SHA-256 is kept. Scopes and allowed addresses are
-- space-separated; an empty address list allows every address.
CREATE TABLE api_keys (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    partner         TEXT NOT NULL,
    key_prefix      TEXT NOT NULL,
    key_hash        TEXT NOT NULL,
    scopes          TEXT NOT NULL,
    allowed_ips     TEXT NOT NULL DEFAULT '',
    per_minute      BIGINT NOT NULL CHECK (per_minute > 0),
    expires_on      TEXT NOT NULL,
    created_by      BIGINT NULL REFERENCES accounts (id),
    created_at_ms   BIGINT NOT NULL,
    revoked_at_ms   BIGINT NULL,
    last_used_at_ms BIGINT NULL
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);

-- Calls per key and minute: a window in the database, so the limit holds across instances.
CREATE TABLE api_rate_windows (
    id              INTEGER PRIMARY KEY,
    key_id          BIGINT NOT NULL REFERENCES api_keys (id),
    window_start_ms BIGINT NOT NULL,
    calls           BIGINT NOT NULL
);
CREATE UNIQUE INDEX api_rate_windows_key ON api_rate_windows (key_id, window_start_ms);

-- A partner's receiver. The signing secret (whsec_…) is encrypted like personal data; event types are
-- space-separated. allow_private lets an admin point an endpoint at a private or loopback address.
CREATE TABLE webhook_endpoints (
    id                INTEGER PRIMARY KEY,
    partner           TEXT NOT NULL,
    url               TEXT NOT NULL,
    secret_ciphertext TEXT NOT NULL,
    event_types       TEXT NOT NULL,
    allow_private     BIGINT NOT NULL DEFAULT 0 CHECK (allow_private IN (0, 1)),
    disabled_at_ms    BIGINT NULL,
    disabled_reason   TEXT NULL,
    created_by        BIGINT NULL REFERENCES accounts (id),
    created_at_ms     BIGINT NOT NULL
);

-- The outbox: one row per event (server::events::emit), fanned out to deliveries by the webhook job.
CREATE TABLE webhook_events (
    id            INTEGER PRIMARY KEY,
    event_type    TEXT NOT NULL,
    subject       TEXT NOT NULL,
    data          TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    fanned_out    BIGINT NOT NULL DEFAULT 0 CHECK (fanned_out IN (0, 1))
);
CREATE INDEX webhook_events_pending_idx ON webhook_events (fanned_out, id);

-- One message per event and endpoint; its id (webhook-id) stays the same on every retry.
CREATE TABLE webhook_deliveries (
    id                 INTEGER PRIMARY KEY,
    endpoint_id        BIGINT NOT NULL REFERENCES webhook_endpoints (id),
    event_id           BIGINT NOT NULL REFERENCES webhook_events (id),
    message_id         TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts           BIGINT NOT NULL DEFAULT 0,
    next_attempt_at_ms BIGINT NOT NULL,
    last_status_code   BIGINT NULL,
    last_error         TEXT NULL,
    created_at_ms      BIGINT NOT NULL,
    delivered_at_ms    BIGINT NULL
);
CREATE UNIQUE INDEX webhook_deliveries_message_key ON webhook_deliveries (message_id);
CREATE UNIQUE INDEX webhook_deliveries_event_endpoint_key ON webhook_deliveries (event_id, endpoint_id);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at_ms);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id);
