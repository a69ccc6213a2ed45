-- A NIK asked for in a correction request is as sensitive as the NIK itself: it is kept encrypted here
-- (AES-GCM, like seekers.nik_ciphertext) and `requested_value` holds only its masked form. Rows written
-- before this migration are encrypted by the server at start-up (the key is not available to SQL).
ALTER TABLE correction_requests ADD COLUMN requested_value_ciphertext TEXT NULL;
