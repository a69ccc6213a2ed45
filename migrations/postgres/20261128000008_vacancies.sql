-- Vacancies (the Perpres 57/2023 report), public search, applications, invitations of discoverable
-- candidates, placements and the in-app inbox (PostgreSQL).
-- KBJI 2014 (Klasifikasi Baku Jabatan Indonesia, after ISCO-08): major and sub-major groups.
CREATE TABLE kbji_groups (
    code        TEXT PRIMARY KEY,
    level       TEXT NOT NULL CHECK (level IN ('major', 'sub_major')),
    parent_code TEXT NULL REFERENCES kbji_groups (code),
    name_id     TEXT NOT NULL,
    name_en     TEXT NOT NULL
);
INSERT INTO kbji_groups (code, level, parent_code, name_id, name_en) VALUES
    ('0', 'major', NULL, 'Tentara Nasional Indonesia dan Kepolisian Negara Republik Indonesia', 'Armed forces and police'),
    ('1', 'major', NULL, 'Manajer', 'Managers'),
    ('2', 'major', NULL, 'Profesional', 'Professionals'),
    ('3', 'major', NULL, 'Teknisi dan Asisten Profesional', 'Technicians and associate professionals'),
    ('4', 'major', NULL, 'Tenaga Tata Usaha', 'Clerical support workers'),
    ('5', 'major', NULL, 'Tenaga Usaha Jasa dan Tenaga Penjualan', 'Service and sales workers'),
    ('6', 'major', NULL, 'Pekerja Terampil Pertanian, Kehutanan dan Perikanan', 'Skilled agricultural, forestry and fishery workers'),
    ('7', 'major', NULL, 'Pekerja Pengolahan, Kerajinan dan YBDI', 'Craft and related trades workers'),
    ('8', 'major', NULL, 'Operator dan Perakit Mesin', 'Plant and machine operators and assemblers'),
    ('9', 'major', NULL, 'Pekerja Kasar', 'Elementary occupations');
INSERT INTO kbji_groups (code, level, parent_code, name_id, name_en) VALUES
    ('01', 'sub_major', '0', 'Perwira TNI dan Polri', 'Commissioned officers'),
    ('02', 'sub_major', '0', 'Bintara TNI dan Polri', 'Non-commissioned officers'),
    ('03', 'sub_major', '0', 'Tamtama TNI dan Polri', 'Other ranks'),
    ('11', 'sub_major', '1', 'Pimpinan Eksekutif, Pejabat Senior dan Anggota Lembaga Legislatif', 'Chief executives, senior officials and legislators'),
    ('12', 'sub_major', '1', 'Manajer Administrasi dan Komersial', 'Administrative and commercial managers'),
    ('13', 'sub_major', '1', 'Manajer Produksi dan Jasa Khusus', 'Production and specialised services managers'),
    ('14', 'sub_major', '1', 'Manajer Perhotelan, Perdagangan Eceran dan Jasa Lainnya', 'Hospitality, retail and other services managers'),
    ('21', 'sub_major', '2', 'Profesional Sains dan Teknik', 'Science and engineering professionals'),
    ('22', 'sub_major', '2', 'Profesional Kesehatan', 'Health professionals'),
    ('23', 'sub_major', '2', 'Profesional Pendidikan', 'Teaching professionals'),
    ('24', 'sub_major', '2', 'Profesional Bisnis dan Administrasi', 'Business and administration professionals'),
    ('25', 'sub_major', '2', 'Profesional Teknologi Informasi dan Komunikasi', 'Information and communications technology professionals'),
    ('26', 'sub_major', '2', 'Profesional Hukum, Sosial dan Budaya', 'Legal, social and cultural professionals'),
    ('31', 'sub_major', '3', 'Teknisi Sains dan Teknik', 'Science and engineering associate professionals'),
    ('32', 'sub_major', '3', 'Asisten Profesional Kesehatan', 'Health associate professionals'),
    ('33', 'sub_major', '3', 'Asisten Profesional Bisnis dan Administrasi', 'Business and administration associate professionals'),
    ('34', 'sub_major', '3', 'Asisten Profesional Hukum, Sosial, Budaya dan YBDI', 'Legal, social, cultural and related associate professionals'),
    ('35', 'sub_major', '3', 'Teknisi Informasi dan Komunikasi', 'Information and communications technicians'),
    ('41', 'sub_major', '4', 'Tenaga Tata Usaha Umum dan Operator Keyboard', 'General and keyboard clerks'),
    ('42', 'sub_major', '4', 'Tenaga Pelayanan Pelanggan', 'Customer services clerks'),
    ('43', 'sub_major', '4', 'Tenaga Pencatatan Angka dan Material', 'Numerical and material recording clerks'),
    ('44', 'sub_major', '4', 'Tenaga Tata Usaha Lainnya', 'Other clerical support workers'),
    ('51', 'sub_major', '5', 'Pekerja Jasa Perorangan', 'Personal service workers'),
    ('52', 'sub_major', '5', 'Tenaga Penjualan', 'Sales workers'),
    ('53', 'sub_major', '5', 'Pekerja Perawatan Pribadi', 'Personal care workers'),
    ('54', 'sub_major', '5', 'Pekerja Jasa Perlindungan', 'Protective services workers'),
    ('61', 'sub_major', '6', 'Pekerja Terampil Pertanian Berorientasi Pasar', 'Market-oriented skilled agricultural workers'),
    ('62', 'sub_major', '6', 'Pekerja Terampil Kehutanan, Perikanan dan Perburuan Berorientasi Pasar', 'Market-oriented skilled forestry, fishery and hunting workers'),
    ('63', 'sub_major', '6', 'Petani, Nelayan, Pemburu dan Pengumpul Subsisten', 'Subsistence farmers, fishers, hunters and gatherers'),
    ('71', 'sub_major', '7', 'Pekerja Konstruksi dan YBDI, kecuali Ahli Listrik', 'Building and related trades workers, excluding electricians'),
    ('72', 'sub_major', '7', 'Pekerja Pengolahan Logam, Mesin dan YBDI', 'Metal, machinery and related trades workers'),
    ('73', 'sub_major', '7', 'Pekerja Kerajinan Tangan dan Percetakan', 'Handicraft and printing workers'),
    ('74', 'sub_major', '7', 'Pekerja Listrik dan Elektronika', 'Electrical and electronic trades workers'),
    ('75', 'sub_major', '7', 'Pekerja Pengolahan Makanan, Kayu, Pakaian dan Kerajinan Lainnya', 'Food processing, woodworking, garment and other craft trades workers'),
    ('81', 'sub_major', '8', 'Operator Mesin dan Instalasi Tetap', 'Stationary plant and machine operators'),
    ('82', 'sub_major', '8', 'Perakit', 'Assemblers'),
    ('83', 'sub_major', '8', 'Pengemudi dan Operator Alat Berat Bergerak', 'Drivers and mobile plant operators'),
    ('91', 'sub_major', '9', 'Petugas Kebersihan dan Pembantu', 'Cleaners and helpers'),
    ('92', 'sub_major', '9', 'Pekerja Kasar Pertanian, Kehutanan dan Perikanan', 'Agricultural, forestry and fishery labourers'),
    ('93', 'sub_major', '9', 'Pekerja Kasar Pertambangan, Konstruksi, Industri Pengolahan dan Transportasi', 'Labourers in mining, construction, manufacturing and transport'),
    ('94', 'sub_major', '9', 'Asisten Penyiapan Makanan', 'Food preparation assistants'),
    ('95', 'sub_major', '9', 'Pedagang Kaki Lima dan Pekerja Jasa Jalanan', 'Street and related sales and service workers'),
    ('96', 'sub_major', '9', 'Pekerja Pengumpul Sampah dan Pekerja Kasar Lainnya', 'Refuse workers and other elementary workers');

-- The rest of the vacancy report. work_type is now the working time (full_time, part_time); shifts and the
-- kind of contract have their own columns.
ALTER TABLE vacancies ADD COLUMN occupation_code TEXT NULL REFERENCES kbji_groups (code);
ALTER TABLE vacancies ADD COLUMN skills TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancies ADD COLUMN certificates TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancies ADD COLUMN experience_years BIGINT NOT NULL DEFAULT 0;
ALTER TABLE vacancies ADD COLUMN shift TEXT NOT NULL DEFAULT 'day' CHECK (shift IN ('day', 'rotating'));
ALTER TABLE vacancies ADD COLUMN contract_type TEXT NOT NULL DEFAULT 'permanent' CHECK (contract_type IN ('permanent', 'contract'));
ALTER TABLE vacancies ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancies ADD COLUMN age_min BIGINT NULL;
ALTER TABLE vacancies ADD COLUMN age_max BIGINT NULL;
ALTER TABLE vacancies ADD COLUMN age_justification TEXT NULL;
-- Comma-separated flag categories found in the wording (sent the vacancy to an officer).
ALTER TABLE vacancies ADD COLUMN flags TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancies ADD COLUMN review_reason TEXT NULL;
ALTER TABLE vacancies ADD COLUMN reviewed_by BIGINT NULL REFERENCES accounts (id);
ALTER TABLE vacancies ADD COLUMN reviewed_at_ms BIGINT NULL;
ALTER TABLE vacancies ADD COLUMN published_at_ms BIGINT NULL;
ALTER TABLE vacancies ADD COLUMN closed_reason TEXT NULL CHECK (closed_reason IN ('deadline', 'filled', 'company'));
ALTER TABLE vacancies ADD COLUMN closed_at_ms BIGINT NULL;
ALTER TABLE vacancies ADD COLUMN created_by BIGINT NULL REFERENCES accounts (id);

UPDATE vacancies SET shift = 'rotating', work_type = 'full_time' WHERE work_type = 'shift';
UPDATE vacancies SET contract_type = 'contract', work_type = 'full_time' WHERE work_type = 'contract';
UPDATE vacancies SET work_type = 'full_time' WHERE work_type NOT IN ('full_time', 'part_time');
UPDATE vacancies SET published_at_ms = created_at_ms WHERE status IN ('published', 'closed');

CREATE INDEX vacancies_published_idx ON vacancies (status, published_at_ms);
CREATE INDEX vacancies_district_idx ON vacancies (district_code, status);
CREATE INDEX vacancies_wage_idx ON vacancies (status, wage_max_idr);
-- Suggested candidates start from the people who agreed to be discoverable.
CREATE INDEX consents_purpose_idx ON consents (purpose, granted, account_id);

-- Full-text search: a stored tsvector with the Indonesian stemmer, title weighted over skills over description.
ALTER TABLE vacancies ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('indonesian', title), 'A')
    || setweight(to_tsvector('indonesian', skills), 'B')
    || setweight(to_tsvector('indonesian', description), 'C')
) STORED;
CREATE INDEX vacancies_search_idx ON vacancies USING GIN (search_document);

-- Suggested candidates: seekers' skills and wanted positions, searchable like the vacancies.
ALTER TABLE seeker_profiles ADD COLUMN skills_document tsvector GENERATED ALWAYS AS (
    to_tsvector('indonesian', skills || ' ' || preferred_occupations)
) STORED;
CREATE INDEX seeker_profiles_skills_idx ON seeker_profiles USING GIN (skills_document);

-- One application per seeker and vacancy; every status change is an event (the seeker's timeline).
CREATE TABLE job_applications (
    id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    vacancy_id        BIGINT NOT NULL REFERENCES vacancies (id),
    seeker_account_id BIGINT NOT NULL REFERENCES accounts (id),
    status            TEXT NOT NULL CHECK (status IN ('received', 'screened', 'interview', 'offered', 'hired', 'not_selected', 'withdrawn')),
    cover_note        TEXT NULL,
    match_score       BIGINT NULL,
    source            TEXT NOT NULL DEFAULT 'portal' CHECK (source IN ('portal', 'invitation')),
    created_at_ms     BIGINT NOT NULL,
    updated_at_ms     BIGINT NOT NULL
);
CREATE UNIQUE INDEX job_applications_vacancy_seeker_key ON job_applications (vacancy_id, seeker_account_id);
CREATE INDEX job_applications_seeker_idx ON job_applications (seeker_account_id, created_at_ms);

CREATE TABLE job_application_events (
    id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    application_id   BIGINT NOT NULL REFERENCES job_applications (id),
    at_ms            BIGINT NOT NULL,
    actor_account_id BIGINT NULL REFERENCES accounts (id),
    from_status      TEXT NULL,
    to_status        TEXT NOT NULL
);
CREATE INDEX job_application_events_application_idx ON job_application_events (application_id, at_ms);

-- Notes the company writes about a candidate; never shown to the seeker.
CREATE TABLE job_application_notes (
    id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    application_id    BIGINT NOT NULL REFERENCES job_applications (id),
    author_account_id BIGINT NOT NULL REFERENCES accounts (id),
    body              TEXT NOT NULL,
    created_at_ms     BIGINT NOT NULL
);
CREATE INDEX job_application_notes_application_idx ON job_application_notes (application_id, created_at_ms);

-- A company invites a discoverable candidate it saw pseudonymously; the identity is shown only once the
-- seeker accepts (which also files an application).
CREATE TABLE candidate_invitations (
    id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    vacancy_id        BIGINT NOT NULL REFERENCES vacancies (id),
    seeker_account_id BIGINT NOT NULL REFERENCES accounts (id),
    invited_by        BIGINT NOT NULL REFERENCES accounts (id),
    status            TEXT NOT NULL CHECK (status IN ('invited', 'accepted', 'declined')),
    created_at_ms     BIGINT NOT NULL,
    answered_at_ms    BIGINT NULL
);
CREATE UNIQUE INDEX candidate_invitations_vacancy_seeker_key ON candidate_invitations (vacancy_id, seeker_account_id);
CREATE INDEX candidate_invitations_seeker_idx ON candidate_invitations (seeker_account_id, status);

-- Placement reports (Perpres 57/2023 Pasal 6): from a hired application or reported by NIK. The NIK is kept
-- like the seekers' (encrypted, with a keyed hash).
CREATE TABLE placements (
    id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    company_id        BIGINT NOT NULL REFERENCES companies (id),
    vacancy_id        BIGINT NULL REFERENCES vacancies (id),
    application_id    BIGINT NULL REFERENCES job_applications (id),
    seeker_account_id BIGINT NULL REFERENCES accounts (id),
    worker_name       TEXT NOT NULL,
    nik_ciphertext    TEXT NOT NULL,
    nik_hash          TEXT NOT NULL,
    position          TEXT NOT NULL,
    start_date        TEXT NOT NULL,
    wage_idr          BIGINT NOT NULL CHECK (wage_idr >= 0),
    contract_type     TEXT NOT NULL CHECK (contract_type IN ('permanent', 'contract')),
    reported_by       BIGINT NOT NULL REFERENCES accounts (id),
    created_at_ms     BIGINT NOT NULL
);
CREATE UNIQUE INDEX placements_application_key ON placements (application_id);
CREATE INDEX placements_company_idx ON placements (company_id, created_at_ms);
CREATE INDEX placements_vacancy_idx ON placements (vacancy_id);

-- The in-app inbox. message_key is a translation key; params a small JSON object for it.
CREATE TABLE notifications (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    message_key   TEXT NOT NULL,
    params        TEXT NOT NULL DEFAULT '{}',
    link          TEXT NULL,
    created_at_ms BIGINT NOT NULL,
    read_at_ms    BIGINT NULL
);
CREATE INDEX notifications_account_idx ON notifications (account_id, created_at_ms);
