-- Review F11: a K3 accident's victim may be a foreign worker, who has a passport and no NIK
-- (Permenaker 03/1998 applies to every worker). victim_id_kind says which number the report holds. A
-- passport number is kept like a NIK: AES-GCM ciphertext (server/pii.rs) and its keyed hash, never in
-- clear. A passport victim's NIK columns hold '' (the NIK columns of 20261206000040 stay NOT NULL: a
-- landed migration is never edited, and SQLite cannot drop NOT NULL without rebuilding the table).
ALTER TABLE k3_accidents ADD COLUMN victim_id_kind TEXT NOT NULL DEFAULT 'nik' CHECK (victim_id_kind IN ('nik', 'passport'));
ALTER TABLE k3_accidents ADD COLUMN victim_passport_ciphertext TEXT NULL;
ALTER TABLE k3_accidents ADD COLUMN victim_passport_hash TEXT NULL;
ALTER TABLE k3_accidents ADD COLUMN victim_nationality TEXT NOT NULL DEFAULT 'Indonesia';
