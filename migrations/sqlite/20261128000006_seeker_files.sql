-- Files a seeker attaches to the profile (photo, CV). The bytes live in the storage backend; this is the index.
CREATE TABLE seeker_files (
    account_id     BIGINT NOT NULL REFERENCES accounts (id),
    kind           TEXT NOT NULL CHECK (kind IN ('photo', 'cv')),
    storage_key    TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size_bytes     BIGINT NOT NULL,
    uploaded_at_ms BIGINT NOT NULL,
    PRIMARY KEY (account_id, kind)
);
