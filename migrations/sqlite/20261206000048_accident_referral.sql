-- Audit of issue 24, gap 3: the record that an accident's referral package went to the provincial labour
-- inspectorate (UU 23/2014 gives inspection to the province). An officer forwards it once, in a guarded
-- UPDATE (WHERE referred_at_ms IS NULL: a repeat is a 409); the company sees when and where it went.
ALTER TABLE k3_accidents ADD COLUMN referred_at_ms BIGINT NULL;
ALTER TABLE k3_accidents ADD COLUMN referred_to TEXT NULL;
ALTER TABLE k3_accidents ADD COLUMN referred_by BIGINT NULL REFERENCES accounts (id);
