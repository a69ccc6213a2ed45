//! Static demo data: fictional companies in Kabupaten Tangerang, their vacancies, and job-seeker names.
//!
//! Every company, NIB, NPWP, address and e-mail here is invented; any likeness to a real business is a
//! coincidence. District codes are real (data/regions/regions-kabupaten-tangerang.csv), KBLI codes are
//! KBLI 2020, education codes are those of the `education_levels` table, and every wage is at least the
//! 2026 UMK of Kabupaten Tangerang (Rp5,210,377) and, for manufacturing, at least the highest 2026 UMSK
//! (Rp5,290,110). Vacancy texts follow SE Menaker M/6/HK.04/V/2025: no age, sex, marital status,
//! appearance, ethnicity or religion requirements.
//!
//! Plain Rust with no dependencies; compiled for the server only (the seeding commands use it).

use super::model::DemoCompany;

pub const COMPANIES: &[DemoCompany] = &[
    // 0
    DemoCompany {
        name: "PT Sinar Rasa Nusantara Tbk",
        nib: "9120108273641",
        npwp: "018452736415000",
        kbli_section: "C",
        kbli_division: "10",
        district_code: "36.03.18", // Cikupa
        address: "Jl. Raya Serang Km 14, Desa Bitung Jaya, Kecamatan Cikupa, Kabupaten Tangerang, Banten",
        size_band: "besar",
        contact_name: "Rina Kartikasari",
        contact_email: "hrd.sinarrasa@example.co.id",
    },
    // 1
    DemoCompany {
        name: "PT Busana Cipta Mandiri",
        nib: "8120015936274",
        npwp: "0027381946452000",
        kbli_section: "C",
        kbli_division: "14",
        district_code: "36.03.03", // Tigaraksa
        address: "Jl. Aria Jaya Santika No. 27, Desa Pasir Nangka, Kecamatan Tigaraksa, Kabupaten Tangerang, Banten",
        size_band: "besar",
        contact_name: "Hendra Wijaya Kusuma",
        contact_email: "rekrutmen.busanacipta@example.co.id",
    },
    // 2
    DemoCompany {
        name: "PT Tapak Kencana Sentosa",
        nib: "9120203748152",
        npwp: "031645287416000",
        kbli_section: "C",
        kbli_division: "15",
        district_code: "36.03.12", // Pasar Kemis
        address: "Jl. Raya Pasar Kemis Km 3, Desa Sukamantri, Kecamatan Pasar Kemis, Kabupaten Tangerang, Banten",
        size_band: "besar",
        contact_name: "Yuliani Hasibuan",
        contact_email: "hrd.tapakkencana@example.co.id",
    },
    // 3
    DemoCompany {
        name: "PT Polimer Cahaya Sejahtera",
        nib: "8120117465930",
        npwp: "042718395451000",
        kbli_section: "C",
        kbli_division: "22",
        district_code: "36.03.02", // Jayanti
        address: "Jl. Raya Jayanti No. 88, Desa Pasir Muncang, Kecamatan Jayanti, Kabupaten Tangerang, Banten",
        size_band: "menengah",
        contact_name: "Agus Setiawan",
        contact_email: "hrd.polimercahaya@example.co.id",
    },
    // 4
    DemoCompany {
        name: "PT Baja Teguh Perkasa",
        nib: "9120305827461",
        npwp: "0053927164418000",
        kbli_section: "C",
        kbli_division: "25",
        district_code: "36.03.17", // Curug
        address: "Jl. Raya Curug Km 2, Desa Kadu Jaya, Kecamatan Curug, Kabupaten Tangerang, Banten",
        size_band: "menengah",
        contact_name: "Bambang Sutrisno",
        contact_email: "hrd.bajateguh@example.co.id",
    },
    // 5
    DemoCompany {
        name: "PT Mitra Niaga Cisadane",
        nib: "8120209364715",
        npwp: "064182937415000",
        kbli_section: "G",
        kbli_division: "46",
        district_code: "36.03.16", // Sepatan
        address: "Jl. Raya Sepatan No. 45, Desa Karet, Kecamatan Sepatan, Kabupaten Tangerang, Banten",
        size_band: "menengah",
        contact_name: "Dian Permatasari",
        contact_email: "admin.mitraniaga@example.co.id",
    },
    // 6
    DemoCompany {
        name: "CV Berkah Serba Ada",
        nib: "1207220048391",
        npwp: "075294613451000",
        kbli_section: "G",
        kbli_division: "47",
        district_code: "36.03.05", // Cisoka
        address: "Jl. Raya Cisoka No. 12, Desa Cisoka, Kecamatan Cisoka, Kabupaten Tangerang, Banten",
        size_band: "kecil",
        contact_name: "Ujang Suryana",
        contact_email: "cv.berkahserbaada@example.co.id",
    },
    // 7
    DemoCompany {
        name: "PT Lintas Gudang Balaraja",
        nib: "9120411635829",
        npwp: "0086317429415000",
        kbli_section: "H",
        kbli_division: "52",
        district_code: "36.03.01", // Balaraja
        address: "Jl. Raya Serang Km 24, Desa Talagasari, Kecamatan Balaraja, Kabupaten Tangerang, Banten",
        size_band: "besar",
        contact_name: "Fajar Nugroho",
        contact_email: "recruitment.lintasgudang@example.co.id",
    },
    // 8
    DemoCompany {
        name: "PT Griya Asri Hospitality",
        nib: "8120512947306",
        npwp: "097425816411000",
        kbli_section: "I",
        kbli_division: "55",
        district_code: "36.03.22", // Pagedangan
        address: "Jl. Lengkong Kulon Raya No. 9, Desa Lengkong Kulon, Kecamatan Pagedangan, Kabupaten Tangerang, Banten",
        size_band: "menengah",
        contact_name: "Maria Fransiska Tanjung",
        contact_email: "hr.griyaasri@example.co.id",
    },
    // 9
    DemoCompany {
        name: "PT Pilar Bangun Persada",
        nib: "9120618203574",
        npwp: "108537294453000",
        kbli_section: "F",
        kbli_division: "41",
        district_code: "36.03.19", // Panongan
        address: "Jl. Raya Panongan No. 17, Desa Ranca Iyuh, Kecamatan Panongan, Kabupaten Tangerang, Banten",
        size_band: "menengah",
        contact_name: "Yusuf Maulana",
        contact_email: "hrd.pilarbangun@example.co.id",
    },
    // 10
    DemoCompany {
        name: "PT Medika Pesisir Sejahtera (RS Pesisir Medika)",
        nib: "8120714596283",
        npwp: "0119648273416000",
        kbli_section: "Q",
        kbli_division: "86",
        district_code: "36.03.13", // Teluknaga
        address: "Jl. Raya Teluknaga No. 101, Desa Teluknaga, Kecamatan Teluknaga, Kabupaten Tangerang, Banten",
        size_band: "menengah",
        contact_name: "Anisa Rahmadani",
        contact_email: "sdm.pesisirmedika@example.co.id",
    },
    // 11
    DemoCompany {
        name: "PT Garda Prima Nusantara",
        nib: "9120820375946",
        npwp: "120759364418000",
        kbli_section: "N",
        kbli_division: "80",
        district_code: "36.03.20", // Legok
        address: "Jl. Raya Legok Km 5, Desa Babat, Kecamatan Legok, Kabupaten Tangerang, Banten",
        size_band: "menengah",
        contact_name: "Samsul Bahri",
        contact_email: "rekrutmen.gardaprima@example.co.id",
    },
    // 12 (waits for verification in the demo)
    DemoCompany {
        name: "PT Data Karya Digital",
        nib: "8120926481537",
        npwp: "131864275451000",
        kbli_section: "J",
        kbli_division: "62",
        district_code: "36.03.28", // Kelapa Dua
        address: "Ruko Niaga Blok B No. 12, Kelurahan Bencongan, Kecamatan Kelapa Dua, Kabupaten Tangerang, Banten",
        size_band: "kecil",
        contact_name: "Kevin Pratama Halim",
        contact_email: "karier.datakarya@example.co.id",
    },
    // 13 (waits for verification in the demo)
    DemoCompany {
        name: "PT Rekayasa Mutu Indonesia",
        nib: "9121030592648",
        npwp: "0142975386411000",
        kbli_section: "M",
        kbli_division: "71",
        district_code: "36.03.14", // Kosambi
        address: "Jl. Raya Dadap No. 20, Desa Dadap, Kecamatan Kosambi, Kabupaten Tangerang, Banten",
        size_band: "kecil",
        contact_name: "Teguh Prasetyo",
        contact_email: "hrd.rekayasamutu@example.co.id",
    },
];

pub use super::vacancies::VACANCIES;

/// Full names and places of birth for demo job seekers (fictional; a mix of women and men).
pub const DEMO_SEEKER_NAMES: &[(&str, &str)] = &[
    ("Dewi Anggraini Putri", "Tangerang"),
    ("Muhammad Rizky Pratama", "Serang"),
    ("Nur Aisyah Safitri", "Pandeglang"),
    ("Ahmad Fauzi Hidayat", "Lebak"),
    ("Rina Marlina Sari", "Bogor"),
    ("Yohanes Kristian Siahaan", "Medan"),
    ("Ni Putu Ayu Lestari", "Denpasar"),
    ("Andi Saputra Wijaya", "Makassar"),
];
