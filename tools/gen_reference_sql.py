#!/usr/bin/env python3
"""Generate the reference-data seed migrations and the Rust region-code table.

Reads   data/regions/*.csv  (cahyadsn/wilayah, MIT, Kepmendagri 300.2.2-2138/2025)
Writes  migrations/sqlite/20261128000002_reference_data.sql
        migrations/postgres/20261128000002_reference_data.sql
        src/core/regions_data.rs

Standard library only. Run from anywhere:  python3 tools/gen_reference_sql.py
The two migrations are byte-identical: plain multi-row INSERT ... VALUES works on both
SQLite and PostgreSQL. The tables themselves are created by migration 0001.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGIONS_DIR = os.path.join(ROOT, "data", "regions")
MIGRATION_NAME = "20261128000002_reference_data.sql"
OUT_SQL = [
    os.path.join(ROOT, "migrations", "sqlite", MIGRATION_NAME),
    os.path.join(ROOT, "migrations", "postgres", MIGRATION_NAME),
]
OUT_RS = os.path.join(ROOT, "src", "core", "regions_data.rs")
CHUNK = 500  # rows per INSERT statement

TANGERANG = "36.03"

# ---------------------------------------------------------------------------
# Education levels (code, rank, name_id, name_en). SMA and SMK share a rank.
# ---------------------------------------------------------------------------
EDUCATION_LEVELS = [
    ("TIDAK_SEKOLAH", 0, "Tidak sekolah", "No schooling"),
    ("SD", 1, "SD/sederajat", "Primary school"),
    ("SMP", 2, "SMP/sederajat", "Junior secondary school"),
    ("SMA", 3, "SMA/sederajat", "Senior secondary school (general)"),
    ("SMK", 3, "SMK/sederajat", "Vocational secondary school"),
    ("D1", 4, "Diploma I (D1)", "Diploma I"),
    ("D2", 5, "Diploma II (D2)", "Diploma II"),
    ("D3", 6, "Diploma III (D3)", "Diploma III (associate degree)"),
    ("D4_S1", 7, "D4/S1", "Bachelor / D4"),
    ("S2", 8, "S2 (Magister)", "Master's degree"),
    ("S3", 9, "S3 (Doktor)", "Doctorate"),
]

# ---------------------------------------------------------------------------
# KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) sections; English = ISIC Rev.4.
# ---------------------------------------------------------------------------
KBLI_SECTIONS = [
    ("A", "Pertanian, Kehutanan dan Perikanan", "Agriculture, forestry and fishing"),
    ("B", "Pertambangan dan Penggalian", "Mining and quarrying"),
    ("C", "Industri Pengolahan", "Manufacturing"),
    ("D", "Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin",
     "Electricity, gas, steam and air conditioning supply"),
    ("E", "Treatment Air, Treatment Air Limbah, Treatment dan Pemulihan Material Sampah, dan Aktivitas Remediasi",
     "Water supply; sewerage, waste management and remediation activities"),
    ("F", "Konstruksi", "Construction"),
    ("G", "Perdagangan Besar dan Eceran; Reparasi dan Perawatan Mobil dan Sepeda Motor",
     "Wholesale and retail trade; repair of motor vehicles and motorcycles"),
    ("H", "Pengangkutan dan Pergudangan", "Transportation and storage"),
    ("I", "Penyediaan Akomodasi dan Penyediaan Makan Minum", "Accommodation and food service activities"),
    ("J", "Informasi dan Komunikasi", "Information and communication"),
    ("K", "Aktivitas Keuangan dan Asuransi", "Financial and insurance activities"),
    ("L", "Real Estat", "Real estate activities"),
    ("M", "Aktivitas Profesional, Ilmiah dan Teknis", "Professional, scientific and technical activities"),
    ("N", "Aktivitas Penyewaan dan Sewa Guna Usaha Tanpa Hak Opsi, Ketenagakerjaan, Agen Perjalanan dan Penunjang Usaha Lainnya",
     "Administrative and support service activities"),
    ("O", "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib",
     "Public administration and defence; compulsory social security"),
    ("P", "Pendidikan", "Education"),
    ("Q", "Aktivitas Kesehatan Manusia dan Aktivitas Sosial", "Human health and social work activities"),
    ("R", "Kesenian, Hiburan dan Rekreasi", "Arts, entertainment and recreation"),
    ("S", "Aktivitas Jasa Lainnya", "Other service activities"),
    ("T", "Aktivitas Rumah Tangga Sebagai Pemberi Kerja; Aktivitas yang Menghasilkan Barang dan Jasa oleh Rumah Tangga yang Digunakan untuk Memenuhi Kebutuhan Sendiri",
     "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use"),
    ("U", "Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya",
     "Activities of extraterritorial organizations and bodies"),
]

# KBLI 2020 divisions (golongan pokok): (code, section, name_id, name_en)
KBLI_DIVISIONS = [
    ("01", "A", "Pertanian Tanaman, Peternakan, Perburuan dan Kegiatan YBDI",
     "Crop and animal production, hunting and related service activities"),
    ("02", "A", "Pengelolaan Kehutanan dan Penebangan", "Forestry and logging"),
    ("03", "A", "Perikanan", "Fishing and aquaculture"),
    ("05", "B", "Pertambangan Batu Bara dan Lignit", "Mining of coal and lignite"),
    ("06", "B", "Pertambangan Minyak Bumi dan Gas Alam dan Panas Bumi",
     "Extraction of crude petroleum and natural gas"),
    ("07", "B", "Pertambangan Bijih Logam", "Mining of metal ores"),
    ("08", "B", "Pertambangan dan Penggalian Lainnya", "Other mining and quarrying"),
    ("09", "B", "Aktivitas Jasa Penunjang Pertambangan", "Mining support service activities"),
    ("10", "C", "Industri Makanan", "Manufacture of food products"),
    ("11", "C", "Industri Minuman", "Manufacture of beverages"),
    ("12", "C", "Industri Pengolahan Tembakau", "Manufacture of tobacco products"),
    ("13", "C", "Industri Tekstil", "Manufacture of textiles"),
    ("14", "C", "Industri Pakaian Jadi", "Manufacture of wearing apparel"),
    ("15", "C", "Industri Kulit, Barang dari Kulit dan Alas Kaki", "Manufacture of leather and related products"),
    ("16", "C", "Industri Kayu, Barang dari Kayu dan Gabus (Tidak Termasuk Furnitur) dan Barang Anyaman dari Bambu, Rotan dan Sejenisnya",
     "Manufacture of wood and of products of wood and cork, except furniture; manufacture of articles of straw and plaiting materials"),
    ("17", "C", "Industri Kertas dan Barang dari Kertas", "Manufacture of paper and paper products"),
    ("18", "C", "Industri Pencetakan dan Reproduksi Media Rekaman", "Printing and reproduction of recorded media"),
    ("19", "C", "Industri Produk dari Batu Bara dan Pengilangan Minyak Bumi",
     "Manufacture of coke and refined petroleum products"),
    ("20", "C", "Industri Bahan Kimia dan Barang dari Bahan Kimia", "Manufacture of chemicals and chemical products"),
    ("21", "C", "Industri Farmasi, Produk Obat Kimia dan Obat Tradisional",
     "Manufacture of basic pharmaceutical products and pharmaceutical preparations"),
    ("22", "C", "Industri Karet, Barang dari Karet dan Plastik", "Manufacture of rubber and plastics products"),
    ("23", "C", "Industri Barang Galian Bukan Logam", "Manufacture of other non-metallic mineral products"),
    ("24", "C", "Industri Logam Dasar", "Manufacture of basic metals"),
    ("25", "C", "Industri Barang Logam, Bukan Mesin dan Peralatannya",
     "Manufacture of fabricated metal products, except machinery and equipment"),
    ("26", "C", "Industri Komputer, Barang Elektronik dan Optik", "Manufacture of computer, electronic and optical products"),
    ("27", "C", "Industri Peralatan Listrik", "Manufacture of electrical equipment"),
    ("28", "C", "Industri Mesin dan Perlengkapan YTDL", "Manufacture of machinery and equipment n.e.c."),
    ("29", "C", "Industri Kendaraan Bermotor, Trailer dan Semi Trailer",
     "Manufacture of motor vehicles, trailers and semi-trailers"),
    ("30", "C", "Industri Alat Angkutan Lainnya", "Manufacture of other transport equipment"),
    ("31", "C", "Industri Furnitur", "Manufacture of furniture"),
    ("32", "C", "Industri Pengolahan Lainnya", "Other manufacturing"),
    ("33", "C", "Reparasi dan Pemasangan Mesin dan Peralatan", "Repair and installation of machinery and equipment"),
    ("35", "D", "Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin",
     "Electricity, gas, steam and air conditioning supply"),
    ("36", "E", "Treatment Air", "Water collection, treatment and supply"),
    ("37", "E", "Treatment Air Limbah", "Sewerage"),
    ("38", "E", "Pengumpulan, Treatment dan Pembuangan Limbah dan Sampah serta Aktivitas Pemulihan Material",
     "Waste collection, treatment and disposal activities; materials recovery"),
    ("39", "E", "Aktivitas Remediasi dan Pengelolaan Limbah dan Sampah Lainnya",
     "Remediation activities and other waste management services"),
    ("41", "F", "Konstruksi Gedung", "Construction of buildings"),
    ("42", "F", "Konstruksi Bangunan Sipil", "Civil engineering"),
    ("43", "F", "Konstruksi Khusus", "Specialized construction activities"),
    ("45", "G", "Perdagangan, Reparasi dan Perawatan Mobil dan Sepeda Motor",
     "Wholesale and retail trade and repair of motor vehicles and motorcycles"),
    ("46", "G", "Perdagangan Besar, Bukan Mobil dan Sepeda Motor", "Wholesale trade, except of motor vehicles and motorcycles"),
    ("47", "G", "Perdagangan Eceran, Bukan Mobil dan Sepeda Motor", "Retail trade, except of motor vehicles and motorcycles"),
    ("49", "H", "Angkutan Darat dan Angkutan Melalui Saluran Pipa", "Land transport and transport via pipelines"),
    ("50", "H", "Angkutan Perairan", "Water transport"),
    ("51", "H", "Angkutan Udara", "Air transport"),
    ("52", "H", "Pergudangan dan Aktivitas Penunjang Angkutan", "Warehousing and support activities for transportation"),
    ("53", "H", "Aktivitas Pos dan Kurir", "Postal and courier activities"),
    ("55", "I", "Penyediaan Akomodasi", "Accommodation"),
    ("56", "I", "Penyediaan Makanan dan Minuman", "Food and beverage service activities"),
    ("58", "J", "Aktivitas Penerbitan", "Publishing activities"),
    ("59", "J", "Aktivitas Produksi Gambar Bergerak, Video dan Program Televisi, Perekaman Suara dan Penerbitan Musik",
     "Motion picture, video and television programme production, sound recording and music publishing activities"),
    ("60", "J", "Aktivitas Penyiaran dan Pemrograman", "Programming and broadcasting activities"),
    ("61", "J", "Telekomunikasi", "Telecommunications"),
    ("62", "J", "Aktivitas Pemrograman, Konsultasi Komputer dan Kegiatan YBDI",
     "Computer programming, consultancy and related activities"),
    ("63", "J", "Aktivitas Jasa Informasi", "Information service activities"),
    ("64", "K", "Aktivitas Jasa Keuangan, Bukan Asuransi dan Dana Pensiun",
     "Financial service activities, except insurance and pension funding"),
    ("65", "K", "Asuransi, Penjaminan, Reasuransi dan Dana Pensiun, Bukan Jaminan Sosial Wajib",
     "Insurance, reinsurance and pension funding, except compulsory social security"),
    ("66", "K", "Aktivitas Penunjang Jasa Keuangan, Asuransi, Penjaminan dan Dana Pensiun",
     "Activities auxiliary to financial service and insurance activities"),
    ("68", "L", "Real Estat", "Real estate activities"),
    ("69", "M", "Aktivitas Hukum dan Akuntansi", "Legal and accounting activities"),
    ("70", "M", "Aktivitas Kantor Pusat dan Konsultasi Manajemen", "Activities of head offices; management consultancy activities"),
    ("71", "M", "Aktivitas Arsitektur dan Keinsinyuran; Analisis dan Uji Teknis",
     "Architectural and engineering activities; technical testing and analysis"),
    ("72", "M", "Penelitian dan Pengembangan Ilmu Pengetahuan", "Scientific research and development"),
    ("73", "M", "Periklanan dan Penelitian Pasar", "Advertising and market research"),
    ("74", "M", "Aktivitas Profesional, Ilmiah dan Teknis Lainnya", "Other professional, scientific and technical activities"),
    ("75", "M", "Aktivitas Kesehatan Hewan", "Veterinary activities"),
    ("77", "N", "Aktivitas Penyewaan dan Sewa Guna Usaha Tanpa Hak Opsi", "Rental and leasing activities"),
    ("78", "N", "Aktivitas Ketenagakerjaan", "Employment activities"),
    ("79", "N", "Aktivitas Agen Perjalanan, Penyelenggara Tur dan Jasa Reservasi Lainnya",
     "Travel agency, tour operator, reservation service and related activities"),
    ("80", "N", "Aktivitas Keamanan dan Penyelidikan", "Security and investigation activities"),
    ("81", "N", "Aktivitas Penyedia Jasa untuk Gedung dan Pertamanan", "Services to buildings and landscape activities"),
    ("82", "N", "Aktivitas Administrasi Kantor, Aktivitas Penunjang Kantor dan Aktivitas Penunjang Usaha Lainnya",
     "Office administrative, office support and other business support activities"),
    ("84", "O", "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib",
     "Public administration and defence; compulsory social security"),
    ("85", "P", "Pendidikan", "Education"),
    ("86", "Q", "Aktivitas Kesehatan Manusia", "Human health activities"),
    ("87", "Q", "Aktivitas Sosial di Dalam Panti", "Residential care activities"),
    ("88", "Q", "Aktivitas Sosial Tanpa Akomodasi", "Social work activities without accommodation"),
    ("90", "R", "Aktivitas Hiburan, Kesenian dan Kreativitas", "Creative, arts and entertainment activities"),
    ("91", "R", "Perpustakaan, Arsip, Museum dan Kegiatan Kebudayaan Lainnya",
     "Libraries, archives, museums and other cultural activities"),
    ("92", "R", "Aktivitas Perjudian dan Pertaruhan", "Gambling and betting activities"),
    ("93", "R", "Aktivitas Olahraga dan Rekreasi Lainnya", "Sports activities and amusement and recreation activities"),
    ("94", "S", "Aktivitas Keanggotaan Organisasi", "Activities of membership organizations"),
    ("95", "S", "Reparasi Komputer dan Barang Keperluan Pribadi dan Perlengkapan Rumah Tangga",
     "Repair of computers and personal and household goods"),
    ("96", "S", "Aktivitas Jasa Perorangan Lainnya", "Other personal service activities"),
    ("97", "T", "Aktivitas Rumah Tangga sebagai Pemberi Kerja dari Personil Domestik",
     "Activities of households as employers of domestic personnel"),
    ("98", "T", "Aktivitas yang Menghasilkan Barang dan Jasa oleh Rumah Tangga yang Digunakan untuk Memenuhi Kebutuhan Sendiri",
     "Undifferentiated goods- and services-producing activities of private households for own use"),
    ("99", "U", "Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya",
     "Activities of extraterritorial organizations and bodies"),
]

# ---------------------------------------------------------------------------
# Minimum wages, Kabupaten Tangerang (region_code, year, sector_code, amount, legal_basis)
# ---------------------------------------------------------------------------
MINIMUM_WAGES = [
    (TANGERANG, 2024, None, 4_601_988, "Kepgub Banten (UMK 2024)"),
    (TANGERANG, 2025, None, 4_901_117, "Kepgub Banten (UMK 2025)"),
    (TANGERANG, 2026, None, 5_210_377, "Kepgub Banten 703/2025"),
    (TANGERANG, 2026, "IA", 5_290_110, "Kepgub Banten 704/2025"),
    (TANGERANG, 2026, "IB", 5_263_540, "Kepgub Banten 704/2025"),
    (TANGERANG, 2026, "II", 5_225_909, "Kepgub Banten 704/2025"),
    (TANGERANG, 2026, "IIIA", 5_242_278, "Kepgub Banten 704/2025"),
]

# ---------------------------------------------------------------------------
# Holidays (date, name_id, name_en, kind)
# ---------------------------------------------------------------------------
LN = "libur_nasional"
CB = "cuti_bersama"

# 2025: SKB Menag/Menaker/MenPAN-RB No. 1017/2024, 2/2024, 2/2024 (17 holidays, 10 joint-leave days),
# amended by SKB No. 933/2025, 1/2025, 3/2025 (joint leave 18 August 2025).
HOLIDAYS_2025 = [
    ("2025-01-01", "Tahun Baru 2025 Masehi", "New Year's Day 2025", LN),
    ("2025-01-27", "Isra Mikraj Nabi Muhammad SAW", "Isra and Mi'raj of the Prophet Muhammad", LN),
    ("2025-01-28", "Cuti bersama Tahun Baru Imlek 2576 Kongzili", "Joint leave: Chinese New Year", CB),
    ("2025-01-29", "Tahun Baru Imlek 2576 Kongzili", "Chinese New Year 2576", LN),
    ("2025-03-28", "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1947)", "Joint leave: Nyepi", CB),
    ("2025-03-29", "Hari Suci Nyepi (Tahun Baru Saka 1947)", "Nyepi, Day of Silence (Saka New Year 1947)", LN),
    ("2025-03-31", "Idulfitri 1446 Hijriah", "Eid al-Fitr 1446 H", LN),
    ("2025-04-01", "Idulfitri 1446 Hijriah", "Eid al-Fitr 1446 H (second day)", LN),
    ("2025-04-02", "Cuti bersama Idulfitri 1446 Hijriah", "Joint leave: Eid al-Fitr", CB),
    ("2025-04-03", "Cuti bersama Idulfitri 1446 Hijriah", "Joint leave: Eid al-Fitr", CB),
    ("2025-04-04", "Cuti bersama Idulfitri 1446 Hijriah", "Joint leave: Eid al-Fitr", CB),
    ("2025-04-07", "Cuti bersama Idulfitri 1446 Hijriah", "Joint leave: Eid al-Fitr", CB),
    ("2025-04-18", "Wafat Yesus Kristus", "Good Friday", LN),
    ("2025-04-20", "Kebangkitan Yesus Kristus (Paskah)", "Easter Sunday", LN),
    ("2025-05-01", "Hari Buruh Internasional", "International Labour Day", LN),
    ("2025-05-12", "Hari Raya Waisak 2569 BE", "Vesak Day 2569 BE", LN),
    ("2025-05-13", "Cuti bersama Hari Raya Waisak 2569 BE", "Joint leave: Vesak Day", CB),
    ("2025-05-29", "Kenaikan Yesus Kristus", "Ascension of Jesus Christ", LN),
    ("2025-05-30", "Cuti bersama Kenaikan Yesus Kristus", "Joint leave: Ascension Day", CB),
    ("2025-06-01", "Hari Lahir Pancasila", "Pancasila Day", LN),
    ("2025-06-06", "Iduladha 1446 Hijriah", "Eid al-Adha 1446 H", LN),
    ("2025-06-09", "Cuti bersama Iduladha 1446 Hijriah", "Joint leave: Eid al-Adha", CB),
    ("2025-06-27", "1 Muharam Tahun Baru Islam 1447 Hijriah", "Islamic New Year 1447 H", LN),
    ("2025-08-17", "Proklamasi Kemerdekaan Republik Indonesia", "Independence Day", LN),
    ("2025-08-18", "Cuti bersama HUT ke-80 Kemerdekaan RI", "Joint leave: 80th Independence anniversary", CB),
    ("2025-09-05", "Maulid Nabi Muhammad SAW", "Birthday of the Prophet Muhammad", LN),
    ("2025-12-25", "Kelahiran Yesus Kristus (Natal)", "Christmas Day", LN),
    ("2025-12-26", "Cuti bersama Kelahiran Yesus Kristus", "Joint leave: Christmas", CB),
]

# 2026: SKB signed 23 September 2025 (17 holidays, 8 joint-leave days).
HOLIDAYS_2026 = [
    ("2026-01-01", "Tahun Baru 2026 Masehi", "New Year's Day 2026", LN),
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW", "Isra and Mi'raj of the Prophet Muhammad", LN),
    ("2026-02-16", "Cuti bersama Tahun Baru Imlek 2577 Kongzili", "Joint leave: Chinese New Year", CB),
    ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili", "Chinese New Year 2577", LN),
    ("2026-03-18", "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)", "Joint leave: Nyepi", CB),
    ("2026-03-19", "Hari Suci Nyepi (Tahun Baru Saka 1948)", "Nyepi, Day of Silence (Saka New Year 1948)", LN),
    ("2026-03-20", "Cuti bersama Idulfitri 1447 Hijriah", "Joint leave: Eid al-Fitr", CB),
    ("2026-03-21", "Idulfitri 1447 Hijriah", "Eid al-Fitr 1447 H", LN),
    ("2026-03-22", "Idulfitri 1447 Hijriah", "Eid al-Fitr 1447 H (second day)", LN),
    ("2026-03-23", "Cuti bersama Idulfitri 1447 Hijriah", "Joint leave: Eid al-Fitr", CB),
    ("2026-03-24", "Cuti bersama Idulfitri 1447 Hijriah", "Joint leave: Eid al-Fitr", CB),
    ("2026-04-03", "Wafat Yesus Kristus", "Good Friday", LN),
    ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)", "Easter Sunday", LN),
    ("2026-05-01", "Hari Buruh Internasional", "International Labour Day", LN),
    ("2026-05-14", "Kenaikan Yesus Kristus", "Ascension of Jesus Christ", LN),
    ("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus", "Joint leave: Ascension Day", CB),
    ("2026-05-27", "Iduladha 1447 Hijriah", "Eid al-Adha 1447 H", LN),
    ("2026-05-28", "Cuti bersama Iduladha 1447 Hijriah", "Joint leave: Eid al-Adha", CB),
    ("2026-05-31", "Hari Raya Waisak 2570 BE", "Vesak Day 2570 BE", LN),
    ("2026-06-01", "Hari Lahir Pancasila", "Pancasila Day", LN),
    ("2026-06-16", "1 Muharam Tahun Baru Islam 1448 Hijriah", "Islamic New Year 1448 H", LN),
    ("2026-08-17", "Proklamasi Kemerdekaan Republik Indonesia", "Independence Day", LN),
    ("2026-08-25", "Maulid Nabi Muhammad SAW", "Birthday of the Prophet Muhammad", LN),
    ("2026-12-24", "Cuti bersama Kelahiran Yesus Kristus", "Joint leave: Christmas", CB),
    ("2026-12-25", "Kelahiran Yesus Kristus (Natal)", "Christmas Day", LN),
]

# 2027: fixed-date holidays and Easter-based dates are exact; lunar/lunisolar dates (marked est) are
# estimates from astronomical new/full moons, to be checked against the SKB for 2027. No joint-leave
# days yet: they are decided by the SKB and must be added by an admin.
HOLIDAYS_2027 = [
    ("2027-01-01", "Tahun Baru 2027 Masehi", "New Year's Day 2027", LN, False),
    ("2027-01-05", "Isra Mikraj Nabi Muhammad SAW", "Isra and Mi'raj of the Prophet Muhammad", LN, True),
    ("2027-02-06", "Tahun Baru Imlek 2578 Kongzili", "Chinese New Year 2578", LN, True),
    ("2027-03-08", "Hari Suci Nyepi (Tahun Baru Saka 1949)", "Nyepi, Day of Silence (Saka New Year 1949)", LN, True),
    ("2027-03-10", "Idulfitri 1448 Hijriah", "Eid al-Fitr 1448 H", LN, True),
    ("2027-03-11", "Idulfitri 1448 Hijriah", "Eid al-Fitr 1448 H (second day)", LN, True),
    ("2027-03-26", "Wafat Yesus Kristus", "Good Friday", LN, False),
    ("2027-03-28", "Kebangkitan Yesus Kristus (Paskah)", "Easter Sunday", LN, False),
    ("2027-05-01", "Hari Buruh Internasional", "International Labour Day", LN, False),
    ("2027-05-06", "Kenaikan Yesus Kristus", "Ascension of Jesus Christ", LN, False),
    ("2027-05-17", "Iduladha 1448 Hijriah", "Eid al-Adha 1448 H", LN, True),
    ("2027-05-20", "Hari Raya Waisak 2571 BE", "Vesak Day 2571 BE", LN, True),
    ("2027-06-01", "Hari Lahir Pancasila", "Pancasila Day", LN, False),
    ("2027-06-06", "1 Muharam Tahun Baru Islam 1449 Hijriah", "Islamic New Year 1449 H", LN, True),
    ("2027-08-15", "Maulid Nabi Muhammad SAW", "Birthday of the Prophet Muhammad", LN, True),
    ("2027-08-17", "Proklamasi Kemerdekaan Republik Indonesia", "Independence Day", LN, False),
    ("2027-12-25", "Kelahiran Yesus Kristus (Natal)", "Christmas Day", LN, False),
]


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------
def sql_literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        raise TypeError("booleans are not used in reference data")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if "\\" in text or "\x00" in text:
        raise ValueError(f"unexpected character in {text!r}")
    return "'" + text.replace("'", "''") + "'"


def inserts(table: str, columns: list[str], rows: list[tuple]) -> str:
    out = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        out.append(f"INSERT INTO {table} ({', '.join(columns)}) VALUES\n")
        lines = ["(" + ", ".join(sql_literal(v) for v in row) + ")" for row in chunk]
        out.append(",\n".join(lines))
        out.append(";\n\n")
    return "".join(out)


def read_csv(name: str) -> list[dict]:
    with open(os.path.join(REGIONS_DIR, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def parent_of(code: str):
    return code.rsplit(".", 1)[0] if "." in code else None


def fail(msg: str):
    sys.exit(f"gen_reference_sql: {msg}")


# ---------------------------------------------------------------------------
# regions
# ---------------------------------------------------------------------------
def load_regions() -> list[tuple]:
    provinces, regencies, districts, villages = [], [], [], []
    for r in read_csv("regions-provinces-regencies.csv"):
        code, name, level = r["code"].strip(), r["name"].strip(), r["level"].strip()
        if level == "province":
            provinces.append((code, name, level, None))
        elif level == "regency":
            regencies.append((code, name, level, parent_of(code)))
        else:
            fail(f"unexpected level {level!r} for {code}")
    for r in read_csv("regions-districts.csv"):
        code, name = r["code"].strip(), r["name"].strip()
        districts.append((code, name, "district", parent_of(code)))

    national_districts = {c: n for c, n, _, _ in districts}
    for r in read_csv("regions-kabupaten-tangerang.csv"):
        code, name, level = r["code"].strip(), r["name"].strip(), r["level"].strip()
        if level == "village":
            villages.append((code, name, level, parent_of(code)))
        elif level == "district":
            if national_districts.get(code) != name:
                fail(f"Tangerang district {code} {name!r} differs from the national list")
        elif level == "regency":
            if code != TANGERANG:
                fail(f"unexpected regency {code} in the Tangerang file")
        else:
            fail(f"unexpected level {level!r} for {code}")

    rows = sorted(provinces) + sorted(regencies) + sorted(districts) + sorted(villages)
    seen = set()
    for code, name, _level, parent in rows:
        if code in seen:
            fail(f"duplicate region code {code}")
        if parent is not None and parent not in seen:
            fail(f"region {code} has unknown parent {parent}")
        if not name:
            fail(f"empty name for {code}")
        seen.add(code)
    return rows


def holidays() -> tuple[list[tuple], list[tuple]]:
    known = HOLIDAYS_2025 + HOLIDAYS_2026
    est = [h[:4] for h in HOLIDAYS_2027]
    dates = [h[0] for h in known + est]
    if len(dates) != len(set(dates)):
        fail("a holiday date appears twice")
    for d, _, _, kind in known + est:
        dt.date.fromisoformat(d)
        if kind not in (LN, CB):
            fail(f"bad holiday kind {kind}")
    return known, est


def check_reference():
    sections = {s[0] for s in KBLI_SECTIONS}
    if len(KBLI_SECTIONS) != 21 or sections != set("ABCDEFGHIJKLMNOPQRSTU"):
        fail("KBLI sections must be A-U")
    codes = [d[0] for d in KBLI_DIVISIONS]
    if len(codes) != len(set(codes)) or codes != sorted(codes):
        fail("KBLI divisions must be unique and sorted")
    for code, sec, _, _ in KBLI_DIVISIONS:
        if sec not in sections or len(code) != 2:
            fail(f"bad KBLI division {code}")
    if len({e[0] for e in EDUCATION_LEVELS}) != len(EDUCATION_LEVELS):
        fail("duplicate education level")


# ---------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------
def build_sql(regions: list[tuple]) -> str:
    known_holidays, est_holidays = holidays()
    levels = {}
    for r in regions:
        levels[r[2]] = levels.get(r[2], 0) + 1
    parts = [
        "-- Generated by tools/gen_reference_sql.py. Do not edit by hand: edit the script or data/regions/*.csv\n",
        "-- and run `python3 tools/gen_reference_sql.py`. Identical for SQLite and PostgreSQL.\n",
        "-- Reference data: regions, education levels, KBLI 2020 sections and divisions, minimum wages, holidays.\n",
        "-- Tables are created by migration 0001; this migration only inserts rows.\n\n",
        "-- Regions: Kepmendagri 300.2.2-2138/2025, from the cahyadsn/wilayah data set\n",
        "-- (MIT License, Copyright (c) 2017-2025 Cahya DSN). All provinces, regencies and districts of\n",
        "-- Indonesia, and the villages of Kabupaten Tangerang (36.03).\n",
        f"-- Rows: {levels.get('province', 0)} provinces, {levels.get('regency', 0)} regencies, "
        f"{levels.get('district', 0)} districts, {levels.get('village', 0)} villages.\n",
        inserts("regions", ["code", "name", "level", "parent_code"], regions),
        "-- Education levels (SMA and SMK share rank 3).\n",
        inserts("education_levels", ["code", "rank", "name_id", "name_en"], EDUCATION_LEVELS),
        "-- KBLI 2020 sections (Peraturan BPS No. 2 Tahun 2020); English titles from ISIC Rev.4.\n",
        inserts("kbli_sections", ["code", "name_id", "name_en"], KBLI_SECTIONS),
        "-- KBLI 2020 divisions (golongan pokok); English titles from ISIC Rev.4.\n",
        inserts("kbli_divisions", ["code", "section_code", "name_id", "name_en"], KBLI_DIVISIONS),
        "-- Minimum wages, Kabupaten Tangerang: UMK 2024-2026 (sector_code NULL) and sectoral UMSK 2026.\n",
        inserts("minimum_wages", ["region_code", "year", "sector_code", "amount_idr", "legal_basis"], MINIMUM_WAGES),
        "-- National holidays (libur_nasional) and joint leave (cuti_bersama), 2025 and 2026.\n",
        "-- 2025: SKB Menag/Menaker/MenPAN-RB No. 1017/2024, 2/2024, 2/2024, amended by SKB No. 933/2025, 1/2025,\n",
        "--       3/2025 (cuti bersama 18 August 2025).\n",
        "-- 2026: SKB of 23 September 2025 (17 national holidays, 8 joint-leave days). Idulfitri and Iduladha follow\n",
        "--       the SKB; the Minister of Religious Affairs confirms them (sidang isbat), admins update if they move.\n",
        inserts("holidays", ["date", "name_id", "name_en", "kind"], known_holidays),
        "-- 2027: ESTIMATES. Fixed-date holidays and the Easter-based dates (Good Friday, Easter, Ascension) are\n",
        "-- exact; the lunar dates (" + ", ".join(h[0] for h in HOLIDAYS_2027 if h[4]) + ":\n",
        "-- Isra Mikraj, Imlek, Nyepi, Idulfitri, Iduladha, Waisak, 1 Muharam, Maulid) are estimates from\n",
        "-- astronomical new/full moons, to be CHECKED BY AN ADMIN against the SKB 3 Menteri for 2027.\n",
        "-- Joint-leave days (cuti bersama) for 2027 are not included: add them from the SKB.\n",
        inserts("holidays", ["date", "name_id", "name_en", "kind"], est_holidays),
    ]
    return "".join(parts).rstrip("\n") + "\n"


def build_rust(regions: list[tuple]) -> str:
    codes = sorted(int(code.replace(".", "")) for code, _, level, _ in regions if level == "regency")
    for c in codes:
        if not 1000 <= c <= 9999:
            fail(f"regency code {c} does not fit PPRR")
    if len(codes) != len(set(codes)):
        fail("duplicate regency code")
    lines = []
    per_line = 16  # what rustfmt (max_width 100) produces, so `cargo fmt --check` passes
    for i in range(0, len(codes), per_line):
        lines.append("    " + ", ".join(str(c) for c in codes[i:i + per_line]) + ",")
    return (
        "//! Generated by tools/gen_reference_sql.py from data/regions (cahyadsn/wilayah, MIT). Do not edit.\n"
        "\n"
        f"/// Province+regency codes as PPRR (e.g. 3603 = Kabupaten Tangerang), sorted ascending ({len(codes)} regencies).\n"
        "pub const REGENCY_CODES: &[u16] = &[\n"
        + "\n".join(lines) + "\n"
        "];\n"
        "\n"
        "/// Is this province+regency pair (the first four digits of a NIK) a known region?\n"
        "pub fn is_known_regency(province: u8, regency: u8) -> bool {\n"
        "    REGENCY_CODES\n"
        "        .binary_search(&(province as u16 * 100 + regency as u16))\n"
        "        .is_ok()\n"
        "}\n"
        + tangerang_tables(regions)
    )


def tangerang_tables(regions: list[tuple]) -> str:
    """The districts and villages of Kabupaten Tangerang for the address pickers (both targets)."""
    def table(level: str) -> list[tuple]:
        rows = sorted((code, name) for code, name, lvl, _ in regions if lvl == level and code.startswith("36.03."))
        if not rows:
            fail(f"no Tangerang {level} rows")
        return rows

    def rust_rows(rows):
        return "".join(f"    ({json.dumps(code)}, {json.dumps(name, ensure_ascii=False)}),\n" for code, name in rows)

    districts, villages = table("district"), table("village")
    return (
        "\n"
        f"/// Districts (kecamatan) of Kabupaten Tangerang as (code, name), by code ({len(districts)}).\n"
        "pub const TANGERANG_DISTRICTS: &[(&str, &str)] = &[\n" + rust_rows(districts) + "];\n"
        "\n"
        f"/// Villages (desa/kelurahan) of Kabupaten Tangerang as (code, name), by code ({len(villages)}).\n"
        "pub const TANGERANG_VILLAGES: &[(&str, &str)] = &[\n" + rust_rows(villages) + "];\n"
    )


def write(path: str, text: str):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(path, ROOT)} ({len(text.encode('utf-8'))} bytes)")


def main():
    check_reference()
    regions = load_regions()
    sql = build_sql(regions)
    for path in OUT_SQL:
        write(path, sql)
    write(OUT_RS, build_rust(regions))


if __name__ == "__main__":
    main()
