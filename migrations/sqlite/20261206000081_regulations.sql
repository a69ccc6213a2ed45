-- Regulations, rights explainers and procedures as edited content (issue 28). A regulation is its
-- current version; every edit is a new row in regulation_versions (what changed, from when), never an
-- overwrite, so two versions can be shown side by side. announced_at_ms: when followers were told (at
-- publication when already in force, else by the daily job on effective_on).
CREATE TABLE regulations (
    id              INTEGER PRIMARY KEY,
    category        TEXT NOT NULL CHECK (category IN ('placement', 'wages', 'contracts', 'foreign_workers', 'safety', 'relations', 'rights')),
    kind            TEXT NOT NULL CHECK (kind IN ('regulation', 'explainer', 'procedure')),
    current_version BIGINT NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    updated_at_ms   BIGINT NOT NULL
);
CREATE INDEX regulations_category_idx ON regulations (category, kind);

CREATE TABLE regulation_versions (
    id              INTEGER PRIMARY KEY,
    regulation_id   BIGINT NOT NULL REFERENCES regulations (id),
    version         BIGINT NOT NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    title_en        TEXT NOT NULL DEFAULT '',
    body_en         TEXT NOT NULL DEFAULT '',
    link            TEXT NOT NULL DEFAULT '',
    change_note     TEXT NOT NULL DEFAULT '',
    effective_on    TEXT NOT NULL,
    published_by    BIGINT NULL REFERENCES accounts (id),
    published_at_ms BIGINT NOT NULL,
    announced_at_ms BIGINT NULL
);
CREATE UNIQUE INDEX regulation_versions_key ON regulation_versions (regulation_id, version);
CREATE INDEX regulation_versions_due_idx ON regulation_versions (announced_at_ms, effective_on);

-- Who follows which category (signed-in people of any role).
CREATE TABLE regulation_follows (
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    category      TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    PRIMARY KEY (account_id, category)
);

-- The texts /regulasi showed before it became content (locales reg_* and proc_*).
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (1, 'placement', 'regulation', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (1, 1, 'Kartu AK-1 — Permenaker 39/2016', 'Kartu pencari kerja berlaku 2 tahun, lapor diri setiap 6 bulan, ditutup saat Anda ditempatkan bekerja. Gratis, tanpa pungutan.', 'AK-1 card — Permenaker 39/2016', 'The job-seeker card is valid for 2 years, with a re-report every 6 months, and closes when you are placed in a job. Free of charge.', '', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (2, 'placement', 'regulation', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (2, 1, 'Wajib lapor lowongan — Perpres 57/2023', 'Perusahaan melaporkan lowongan: jabatan, jumlah, pendidikan, keterampilan, upah, lokasi. Syarat yang diskriminatif (penampilan, status perkawinan, suku, agama) dilarang (SE Menaker M/6/HK.04/V/2025); upah di bawah UMK ditolak.', 'Mandatory vacancy report — Perpres 57/2023', 'Companies report vacancies: position, headcount, education, skills, wage, location. Discriminatory requirements (looks, marital status, ethnicity, religion) are banned (SE Menaker M/6/HK.04/V/2025); a wage below the minimum wage is refused.', '', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (3, 'wages', 'regulation', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (3, 1, 'Upah minimum Kabupaten Tangerang — Kepgub Banten 703/2025', 'UMK 2026: Rp5.210.377 sebulan untuk pekerja dengan masa kerja di bawah 1 tahun.', 'Minimum wage of Tangerang Regency — Banten Governor Decree 703/2025', 'UMK 2026: Rp5,210,377 a month for workers with under one year of service.', '', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (4, 'contracts', 'regulation', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (4, 1, 'Perjanjian kerja waktu tertentu (PKWT) — PP 35/2021', 'Paling lama 5 tahun termasuk perpanjangan; dicatatkan paling lambat 3 hari kerja setelah ditandatangani; pekerja harian di bawah 21 hari sebulan; uang kompensasi di akhir kontrak: masa kerja (bulan) ÷ 12 × upah sebulan.', 'Fixed-term contracts (PKWT) — PP 35/2021', 'At most 5 years including extensions; registered within 3 working days of signing; daily work under 21 days a month; compensation at the end: months served ÷ 12 × monthly wage.', '', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (5, 'wages', 'regulation', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (5, 1, 'Lembur — PP 35/2021', 'Paling lama 4 jam sehari dan 18 jam seminggu; upah sejam = upah sebulan ÷ 173; hari kerja 1,5× jam pertama, 2× berikutnya.', 'Overtime — PP 35/2021', 'At most 4 hours a day and 18 a week; hourly wage = monthly wage ÷ 173; on working days 1.5× the first hour, 2× after.', '', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (6, 'foreign_workers', 'regulation', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (6, 1, 'Tenaga kerja asing dan DKPTKA — PP 34/2021', 'Perusahaan melaporkan TKA dan pendamping Indonesianya. DKPTKA perpanjangan RPTKA di kabupaten: USD 100 per jabatan per bulan, dibayar di muka, bagian bulan dihitung satu bulan.', 'Foreign workers and DKPTKA — PP 34/2021', 'Companies report foreign workers and their Indonesian counterparts. DKPTKA for RPTKA extensions in the regency: USD 100 per position per month, paid in advance, a part month counted whole.', '', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (7, 'rights', 'explainer', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (7, 1, 'Pelindungan data pribadi — UU 27/2022', 'Persetujuan per tujuan, dapat dicabut; Anda dapat mengunduh data Anda, meminta koreksi (ditangani dalam 3×24 jam), dan melihat petugas yang membuka data Anda.', 'Personal data protection — UU 27/2022', 'Consent per purpose, revocable; you can download your data, ask for a correction (handled within 3×24 hours), and see which officers opened your data.', '', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (8, 'relations', 'explainer', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (8, 1, 'Perselisihan hubungan industrial — UU 2/2004', 'Perundingan bipartit 30 hari kerja, lalu mediasi di Disnaker 30 hari kerja; anjuran tertulis paling lambat 10 hari kerja setelah sidang pertama.', 'Industrial disputes — UU 2/2004', 'Bipartite negotiation for 30 working days, then mediation at the office for 30 working days; a written recommendation within 10 working days of the first session.', '', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (9, 'placement', 'procedure', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (9, 1, 'Tata cara kartu AK-1', 'AK-1: lengkapi profil → ajukan kartu → petugas memeriksa dalam 1 hari kerja → unduh kartu dengan kode QR.', 'How to get the AK-1 card', 'AK-1: complete your profile → apply → an officer checks it within one working day → download the card with its QR code.', '/akun/profil', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (10, 'contracts', 'procedure', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (10, 1, 'Tata cara pencatatan PKWT', 'PKWT: perusahaan mendaftarkan kontrak (satu per satu atau berkas CSV/XLSX) → petugas mencatat dalam 1 hari kerja → tanda bukti dengan kode QR; pekerja melihat kontraknya di akun.', 'How to register a PKWT', 'PKWT: the company registers contracts (one by one or from a CSV/XLSX file) → an officer registers them within one working day → a receipt with a QR code; workers see their contracts in their account.', '/perusahaan/pkwt', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (11, 'placement', 'procedure', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (11, 1, 'Tata cara bursa kerja', 'Bursa kerja: daftar untuk mendapat tiket QR → pesan jadwal wawancara di stan → tunjukkan tiket di pintu masuk.', 'How job fairs work', 'Job fairs: register for a QR ticket → book an interview slot at a booth → show the ticket at the entrance.', '/bursa-kerja', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (12, 'foreign_workers', 'procedure', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (12, 1, 'Tata cara pembayaran DKPTKA', 'DKPTKA: perusahaan membuat tagihan → membayar dan mengunggah bukti → petugas memvalidasi dalam 1 hari kerja → tanda terima dengan kode QR.', 'How to pay the DKPTKA levy', 'DKPTKA: the company makes a bill → pays and uploads the proof → an officer validates it within one working day → a receipt with a QR code.', '/perusahaan/tka', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
INSERT INTO regulations (id, category, kind, current_version, created_at_ms, updated_at_ms) VALUES (13, 'rights', 'procedure', 1, 1764892800000, 1764892800000);
INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, effective_on, published_by, published_at_ms, announced_at_ms) VALUES (13, 1, 'Layanan gratis', 'Semua layanan Disnaker gratis. Laporkan pungutan liar ke loket pengaduan kantor.', 'Free services', 'Every service of the office is free. Report any illegal fee at the office''s complaints desk.', '', '', '2026-01-01', NULL, 1764892800000, 1764892800000);
