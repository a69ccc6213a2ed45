-- Requests and permits (issue 23): request types as reference data (form fields as a typed schema, required
-- documents, who decides, clocks in working days, the document issued), the companies' requests with the
-- trail of every transition, their documents, and the shipped types. A PHK report's worker NIK is personal
-- data: encrypted, with a keyed hash for the worker's own look-up.
CREATE TABLE request_types (
    id                      INTEGER PRIMARY KEY,
    type_key                TEXT NOT NULL,
    name_id                 TEXT NOT NULL,
    name_en                 TEXT NOT NULL,
    legal_basis             TEXT NOT NULL,
    rule                    TEXT NOT NULL,
    decider                 TEXT NOT NULL CHECK (decider IN ('officer', 'receipt', 'record')),
    decision_working_days   BIGINT NOT NULL,
    correction_working_days BIGINT NOT NULL,
    issued_status           TEXT NOT NULL CHECK (issued_status IN ('approved', 'registered')),
    document_title          TEXT NOT NULL,
    validity_months         BIGINT NOT NULL,
    deemed_approval         BIGINT NOT NULL,
    fields_json             TEXT NOT NULL,
    documents_json          TEXT NOT NULL,
    active                  BIGINT NOT NULL,
    created_at_ms           BIGINT NOT NULL,
    updated_at_ms           BIGINT NOT NULL
);
CREATE UNIQUE INDEX request_types_key_key ON request_types (type_key);

CREATE TABLE requests (
    id                     INTEGER PRIMARY KEY,
    code                   TEXT NOT NULL,
    type_id                BIGINT NOT NULL REFERENCES request_types (id),
    company_id             BIGINT NOT NULL REFERENCES companies (id),
    filed_by               BIGINT NOT NULL REFERENCES accounts (id),
    status                 TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'correction_requested', 'in_review',
                           'approved', 'registered', 'refused', 'deemed_approved', 'withdrawn')),
    data_json              TEXT NOT NULL,
    warnings_json          TEXT NOT NULL,
    worker_nik_ciphertext  TEXT NULL,
    worker_nik_hash        TEXT NULL,
    event_date             TEXT NULL,
    submitted_at_ms        BIGINT NULL,
    due_at_ms              BIGINT NULL,
    number                 TEXT NULL,
    verification_code      TEXT NULL,
    issued_at_ms           BIGINT NULL,
    valid_until            TEXT NULL,
    renewal_reminded_at_ms BIGINT NULL,
    survey_code            TEXT NULL,
    objection              TEXT NULL,
    objection_at_ms        BIGINT NULL,
    created_at_ms          BIGINT NOT NULL,
    updated_at_ms          BIGINT NOT NULL
);
CREATE UNIQUE INDEX requests_code_key ON requests (code);
CREATE UNIQUE INDEX requests_verification_code_key ON requests (verification_code);
CREATE INDEX requests_company_idx ON requests (company_id, created_at_ms);
CREATE INDEX requests_status_due_idx ON requests (status, due_at_ms);
CREATE INDEX requests_worker_idx ON requests (worker_nik_hash);

CREATE TABLE request_events (
    id               INTEGER PRIMARY KEY,
    request_id       BIGINT NOT NULL REFERENCES requests (id),
    from_status      TEXT NULL,
    to_status        TEXT NOT NULL,
    actor_account_id BIGINT NULL REFERENCES accounts (id),
    actor_role       TEXT NOT NULL,
    reason           TEXT NULL,
    at_ms            BIGINT NOT NULL
);
CREATE INDEX request_events_request_idx ON request_events (request_id, at_ms);

CREATE TABLE request_documents (
    id             INTEGER PRIMARY KEY,
    request_id     BIGINT NOT NULL REFERENCES requests (id),
    doc_key        TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    storage_key    TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size_bytes     BIGINT NOT NULL,
    uploaded_at_ms BIGINT NOT NULL
);
CREATE INDEX request_documents_request_idx ON request_documents (request_id, doc_key);

-- The shipped types (admins edit them at /admin/layanan and add more).
INSERT INTO request_types (type_key, name_id, name_en, legal_basis, rule, decider, decision_working_days, correction_working_days, issued_status, document_title, validity_months, deemed_approval, fields_json, documents_json, active, created_at_ms, updated_at_ms) VALUES
('pp_approval', 'Pengesahan Peraturan Perusahaan', 'Approval of company regulations', 'Permenaker 28/2014; UU 13/2003 Ps 108-112 (30 hari kerja, jika tidak: dianggap disahkan)', 'pp', 'officer', 30, 14, 'approved', 'SURAT KEPUTUSAN PENGESAHAN PERATURAN PERUSAHAAN', 24, 1, '[{"key": "workers", "kind": "number", "required": true, "label_id": "Jumlah pekerja", "label_en": "Number of workers", "options": []}, {"key": "renewal", "kind": "yes_no", "required": true, "label_id": "Perpanjangan/pembaruan?", "label_en": "Renewal?", "options": []}, {"key": "previous_number", "kind": "text", "required": false, "label_id": "Nomor pengesahan sebelumnya", "label_en": "Previous approval number", "options": []}, {"key": "representatives", "kind": "text", "required": true, "label_id": "Wakil pekerja/serikat yang dimintai saran", "label_en": "Worker representatives or union consulted", "options": []}]', '[{"key": "pp_text", "required": true, "label_id": "Naskah PP yang ditandatangani", "label_en": "Signed regulation text"}, {"key": "consultation", "required": true, "label_id": "Bukti saran/pertimbangan wakil pekerja", "label_en": "Proof that worker representatives were consulted"}, {"key": "previous", "required": false, "label_id": "SK pengesahan sebelumnya (jika memperbarui)", "label_en": "Previous approval (if renewing)"}]', 1, 1, 1),
('pkb', 'Pendaftaran Perjanjian Kerja Bersama (PKB)', 'Registration of a collective agreement (PKB)', 'UU 13/2003 Ps 116-133; Permenaker 28/2014 (masa berlaku 2 tahun, dapat diperpanjang 1 tahun)', 'pkb', 'officer', 6, 14, 'registered', 'SURAT KEPUTUSAN PENDAFTARAN PERJANJIAN KERJA BERSAMA', 24, 0, '[{"key": "union_name", "kind": "text", "required": true, "label_id": "Serikat pekerja", "label_en": "Union", "options": []}, {"key": "union_registration", "kind": "text", "required": true, "label_id": "Nomor pencatatan serikat pekerja", "label_en": "Union registration number", "options": []}, {"key": "term_start", "kind": "date", "required": true, "label_id": "Berlaku mulai", "label_en": "Term starts", "options": []}, {"key": "term_end", "kind": "date", "required": true, "label_id": "Berlaku sampai", "label_en": "Term ends", "options": []}]', '[{"key": "pkb_text", "required": true, "label_id": "Naskah PKB yang ditandatangani para pihak", "label_en": "Agreement signed by the parties"}]', 1, 1, 1),
('strike', 'Pemberitahuan mogok kerja', 'Strike notice', 'UU 13/2003 Ps 137-140 (paling lambat 7 hari kerja sebelumnya)', 'strike', 'receipt', 0, 0, 'registered', 'TANDA TERIMA PEMBERITAHUAN MOGOK KERJA', 0, 0, '[{"key": "union_name", "kind": "text", "required": true, "label_id": "Serikat pekerja yang memberitahukan", "label_en": "Union giving notice", "options": []}, {"key": "start_date", "kind": "date", "required": true, "label_id": "Tanggal mulai", "label_en": "Start date", "options": []}, {"key": "start_time", "kind": "time", "required": true, "label_id": "Jam mulai", "label_en": "Start time", "options": []}, {"key": "end_date", "kind": "date", "required": true, "label_id": "Tanggal selesai", "label_en": "End date", "options": []}, {"key": "end_time", "kind": "time", "required": true, "label_id": "Jam selesai", "label_en": "End time", "options": []}, {"key": "place", "kind": "text", "required": true, "label_id": "Tempat mogok", "label_en": "Place", "options": []}, {"key": "reasons", "kind": "long_text", "required": true, "label_id": "Alasan dan sebab mogok", "label_en": "Reasons", "options": []}]', '[{"key": "signatures", "required": true, "label_id": "Surat pemberitahuan bertanda tangan ketua dan sekretaris serikat", "label_en": "Notice signed by the union''s chair and secretary"}]', 1, 1, 1),
('lockout', 'Pemberitahuan penutupan perusahaan (lock-out)', 'Lock-out notice', 'UU 13/2003 Ps 146-149 (paling lambat 7 hari kerja sebelumnya; dilarang pada layanan vital)', 'lockout', 'receipt', 0, 0, 'registered', 'TANDA TERIMA PEMBERITAHUAN PENUTUPAN PERUSAHAAN', 0, 0, '[{"key": "sector", "kind": "choice", "required": true, "label_id": "Jenis usaha", "label_en": "Kind of business", "options": ["umum", "rumah_sakit", "air_bersih", "telekomunikasi", "listrik", "migas", "kereta_api"]}, {"key": "start_date", "kind": "date", "required": true, "label_id": "Tanggal mulai", "label_en": "Start date", "options": []}, {"key": "start_time", "kind": "time", "required": true, "label_id": "Jam mulai", "label_en": "Start time", "options": []}, {"key": "end_date", "kind": "date", "required": true, "label_id": "Tanggal selesai", "label_en": "End date", "options": []}, {"key": "reasons", "kind": "long_text", "required": true, "label_id": "Alasan penutupan", "label_en": "Reasons", "options": []}]', '[]', 1, 1, 1),
('phk', 'Laporan pemutusan hubungan kerja (PHK)', 'Dismissal (PHK) report', 'PP 35/2021 Ps 37-39 (pemberitahuan 14 hari kerja sebelumnya, 7 dalam masa percobaan)', 'phk', 'officer', 6, 14, 'registered', 'TANDA TERIMA LAPORAN PEMUTUSAN HUBUNGAN KERJA', 0, 0, '[{"key": "worker_nik", "kind": "nik", "required": true, "label_id": "NIK pekerja", "label_en": "Worker''s NIK", "options": []}, {"key": "worker_name", "kind": "text", "required": true, "label_id": "Nama pekerja", "label_en": "Worker''s name", "options": []}, {"key": "notice_date", "kind": "date", "required": true, "label_id": "Tanggal surat pemberitahuan", "label_en": "Date of the notice", "options": []}, {"key": "end_date", "kind": "date", "required": true, "label_id": "Tanggal berakhirnya hubungan kerja", "label_en": "Employment ends", "options": []}, {"key": "probation", "kind": "yes_no", "required": true, "label_id": "Dalam masa percobaan?", "label_en": "In probation?", "options": []}, {"key": "reasons", "kind": "long_text", "required": true, "label_id": "Alasan PHK", "label_en": "Reasons", "options": []}]', '[{"key": "notice", "required": true, "label_id": "Surat pemberitahuan PHK kepada pekerja", "label_en": "The notice given to the worker"}]', 1, 1, 1),
('overtime', 'Pemberitahuan kerja lembur', 'Overtime notice', 'PP 35/2021 Ps 26-32 (paling lama 4 jam sehari dan 18 jam seminggu, dengan persetujuan pekerja)', 'overtime', 'receipt', 0, 0, 'registered', 'TANDA TERIMA PEMBERITAHUAN KERJA LEMBUR', 0, 0, '[{"key": "start_date", "kind": "date", "required": true, "label_id": "Mulai", "label_en": "Starts", "options": []}, {"key": "end_date", "kind": "date", "required": true, "label_id": "Sampai", "label_en": "Ends", "options": []}, {"key": "workers", "kind": "number", "required": true, "label_id": "Jumlah pekerja", "label_en": "Workers", "options": []}, {"key": "hours_per_day", "kind": "number", "required": true, "label_id": "Jam lembur per hari", "label_en": "Overtime hours a day", "options": []}, {"key": "hours_per_week", "kind": "number", "required": true, "label_id": "Jam lembur per minggu", "label_en": "Overtime hours a week", "options": []}, {"key": "reasons", "kind": "long_text", "required": true, "label_id": "Alasan dan rencana lembur", "label_en": "Reasons and plan", "options": []}]', '[{"key": "consent", "required": false, "label_id": "Persetujuan tertulis pekerja / daftar lembur", "label_en": "Workers'' consent or overtime register"}]', 1, 1, 1),
('mass_leave', 'Pemberitahuan cuti massal', 'Mass-leave notice', 'UU 13/2003 Ps 79; kebijakan perusahaan', 'mass_leave', 'receipt', 0, 0, 'registered', 'TANDA TERIMA PEMBERITAHUAN CUTI MASSAL', 0, 0, '[{"key": "start_date", "kind": "date", "required": true, "label_id": "Mulai", "label_en": "Starts", "options": []}, {"key": "end_date", "kind": "date", "required": true, "label_id": "Sampai", "label_en": "Ends", "options": []}, {"key": "workers", "kind": "number", "required": true, "label_id": "Jumlah pekerja", "label_en": "Workers", "options": []}, {"key": "reasons", "kind": "long_text", "required": true, "label_id": "Keterangan", "label_en": "Details", "options": []}]', '[]', 1, 1, 1),
('tka_permit', 'Pelacakan izin TKA (RPTKA/notifikasi)', 'Foreign-worker permit tracking (RPTKA/notification)', 'PP 34/2021; Permenaker 8/2021 (diajukan secara nasional melalui TKA Online)', 'tka_permit', 'record', 0, 0, 'registered', 'CATATAN PERMOHONAN RPTKA/NOTIFIKASI', 0, 0, '[{"key": "application_kind", "kind": "choice", "required": true, "label_id": "Jenis permohonan", "label_en": "Application", "options": ["rptka_baru", "rptka_perpanjangan", "notifikasi"]}, {"key": "application_number", "kind": "text", "required": true, "label_id": "Nomor permohonan nasional", "label_en": "National application number", "options": []}, {"key": "position", "kind": "text", "required": true, "label_id": "Jabatan", "label_en": "Position", "options": []}, {"key": "stage", "kind": "choice", "required": true, "label_id": "Tahap saat ini", "label_en": "Current stage", "options": ["diajukan", "verifikasi", "disetujui", "ditolak"]}, {"key": "rptka_number", "kind": "text", "required": false, "label_id": "Nomor RPTKA pada laporan TKA", "label_en": "RPTKA number of the TKA report", "options": []}]', '[]', 1, 1, 1);
