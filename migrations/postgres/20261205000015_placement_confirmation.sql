-- A placement reported by NIK for a registered seeker no longer closes their AK-1 at once: a company could
-- close anyone's card by typing a NIK. The seeker (or an officer) confirms first; only that closes the card.
-- confirmation: 'none' (no one to ask: the worker has no account, or the hire came through the portal's own
-- pipeline, where the application is the link), 'pending', 'confirmed', 'rejected' ("this was not me").
ALTER TABLE placements ADD COLUMN confirmation TEXT NOT NULL DEFAULT 'none'
    CHECK (confirmation IN ('none', 'pending', 'confirmed', 'rejected'));
ALTER TABLE placements ADD COLUMN answered_by BIGINT NULL REFERENCES accounts (id);
ALTER TABLE placements ADD COLUMN answered_at_ms BIGINT NULL;
CREATE INDEX placements_confirmation_idx ON placements (confirmation, seeker_account_id);
