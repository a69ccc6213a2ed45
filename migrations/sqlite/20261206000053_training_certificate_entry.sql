-- The AK-1 profile's training entry that a finished programme wrote is marked verified by the registration
-- it came from (the seeker cannot remove it; a typed entry has none). Earlier entries are matched to their
-- registration by holder, programme title and the result's instant (both written in one transaction).
ALTER TABLE seeker_certificates ADD COLUMN training_registration_id BIGINT NULL REFERENCES training_registrations (id);
UPDATE seeker_certificates SET training_registration_id = (
    SELECT MIN(g.id) FROM training_registrations g JOIN training_programmes p ON p.id = g.programme_id
    WHERE g.seeker_account_id = seeker_certificates.account_id AND p.title = seeker_certificates.name
    AND g.result_at_ms = seeker_certificates.created_at_ms AND g.certificate_code IS NOT NULL
) WHERE kind = 'training';
