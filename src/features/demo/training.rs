//! Demo training programmes so a newcomer sees the catalogue: an open BLK welding class with selection
//! (the first demo seeker registered, the second accepted, the third put on the reserve list by the
//! selection, rank 1), a company apprenticeship, an online partner course, and a finished BLK sewing class
//! whose participants hold certificates, verified skills and the AK-1 card's training entry.
use sqlx::{Any, Transaction};

use crate::{
    core::calendar::{self, format_date},
    features::training::support::new_certificate_code,
};

const DAY_MS: i64 = 86_400_000;

struct DemoProgramme {
    kind: &'static str,
    provider: &'static str,
    title: &'static str,
    description: &'static str,
    kbji: &'static str,
    skills: &'static str,
    units: &'static str,
    format: &'static str,
    district: &'static str,
    /// Days from the seed to the first day; the registration closes two days before.
    start: i64,
    days: i64,
    hours: i64,
    selection: &'static str,
    status: &'static str,
}

const PROGRAMMES: [DemoProgramme; 4] = [
    DemoProgramme {
        kind: "blk",
        provider: "BLK Kabupaten Tangerang",
        title: "Pengelasan SMAW Dasar",
        description: "Pelatihan berbasis kompetensi pengelasan busur manual (SMAW) posisi datar dan horizontal, \
                      160 jam teori dan praktik di bengkel BLK. Gratis, termasuk alat pelindung diri dan uji \
                      kompetensi oleh LSP.",
        kbji: "72",
        skills: "Las listrik, Pengelasan SMAW, K3 pengelasan",
        units: "C.24.10.1.001.01 Menerapkan K3 pengelasan\nC.24.10.1.002.01 Mengelas pelat posisi datar",
        format: "in_person",
        district: "36.03.01",
        start: 14,
        days: 40,
        hours: 160,
        selection: "test",
        status: "published",
    },
    DemoProgramme {
        kind: "company",
        provider: "",
        title: "Magang Operator Forklift",
        description: "Program pemagangan di gudang perusahaan: mengoperasikan forklift dengan aman, memuat dan \
                      membongkar palet, mencatat stok. Terbuka untuk pencari kerja dari luar perusahaan.",
        kbji: "83",
        skills: "Forklift, Pergudangan",
        units: "",
        format: "in_person",
        district: "36.03.18",
        start: 10,
        days: 60,
        hours: 240,
        selection: "interview",
        status: "published",
    },
    DemoProgramme {
        kind: "partner",
        provider: "Rumah Digital Tangerang",
        title: "Pemasaran Digital untuk UMKM",
        description: "Kursus daring mengelola toko daring, foto produk, dan iklan media sosial bagi pelaku \
                      usaha mikro dan pencari kerja muda.",
        kbji: "24",
        skills: "Pemasaran digital, Media sosial",
        units: "",
        format: "online",
        district: "36.03.01",
        start: 7,
        days: 14,
        hours: 40,
        selection: "none",
        status: "published",
    },
    DemoProgramme {
        kind: "blk",
        provider: "BLK Kabupaten Tangerang",
        title: "Menjahit Pakaian Jadi",
        description: "Pelatihan menjahit garmen dengan mesin industri: pola, potong, jahit dan penyelesaian, \
                      120 jam di BLK.",
        kbji: "75",
        skills: "Menjahit, Mesin jahit industri",
        units: "C.14.10.1.001.01 Mengoperasikan mesin jahit industri",
        format: "in_person",
        district: "36.03.01",
        start: -70,
        days: 30,
        hours: 120,
        selection: "none",
        status: "finished",
    },
];

async fn insert(
    tx: &mut Transaction<'static, Any>,
    p: &DemoProgramme,
    company: Option<(i64, String)>,
    by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let today = calendar::wib_date(now);
    let day = |offset: i64| format_date(today + time::Duration::days(offset));
    let provider = company
        .as_ref()
        .map_or(p.provider.to_owned(), |(_, name)| name.clone());
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO training_programmes (provider_kind, company_id, provider_name, title, description, kbji_code, \
         skills, skkni_units, format, district_code, starts_on, ends_on, hours, quota, reserves, min_age, max_age, \
         min_education, requires_ak1, eligible_district, cost_idr, registration_opens_on, registration_closes_on, \
         selection, selection_on, status, created_by, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, \
         $7, $8, $9, $10, $11, $12, $13, 16, 2, 18, 40, '', 0, '', 0, $14, $15, $16, $17, $18, $19, $20, $20) RETURNING id",
    )
    .bind(p.kind)
    .bind(company.map(|(id, _)| id))
    .bind(provider)
    .bind(p.title)
    .bind(p.description)
    .bind(p.kbji)
    .bind(p.skills)
    .bind(p.units)
    .bind(p.format)
    .bind(p.district)
    .bind(day(p.start))
    .bind(day(p.start + p.days))
    .bind(p.hours)
    .bind(day(p.start - 30))
    .bind(day(p.start - 2))
    .bind(p.selection)
    .bind(if p.selection == "none" { String::new() } else { day(p.start - 1) })
    .bind(p.status)
    .bind(by)
    .bind(now - DAY_MS)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

async fn account(tx: &mut Transaction<'static, Any>, email: &str) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_one(&mut **tx)
        .await?;
    Ok(id)
}

async fn register(
    tx: &mut Transaction<'static, Any>,
    programme: i64,
    seeker: i64,
    status: &str,
    rank: Option<i64>,
    code: Option<&str>,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO training_registrations (programme_id, seeker_account_id, status, reserve_rank, created_at_ms, \
         updated_at_ms, result_at_ms, certificate_code, rating, rating_comment) \
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(programme)
    .bind(seeker)
    .bind(status)
    .bind(rank)
    .bind(at)
    .bind(code.map(|_| at))
    .bind(code)
    .bind(code.map(|_| 5_i64))
    .bind(code.map(|_| "Instruktur sabar, praktiknya banyak."))
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

pub async fn insert_demo_training(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let officer = account(tx, "petugas@demo.dnaker.id").await?;
    let hrd = account(tx, "hrd@demo.dnaker.id").await?;
    let (company_name,): (String,) = sqlx::query_as("SELECT name FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_one(&mut **tx)
        .await?;
    let mut ids = Vec::new();
    for p in &PROGRAMMES {
        let company = (p.kind == "company").then(|| (company_id, company_name.clone()));
        let by = if company.is_some() { hrd } else { officer };
        ids.push(insert(tx, p, company, by, now).await?);
    }
    let seekers = [
        account(tx, "pencaker1@demo.dnaker.id").await?,
        account(tx, "pencaker2@demo.dnaker.id").await?,
        account(tx, "pencaker3@demo.dnaker.id").await?,
    ];
    // The open welding class: one waiting for the selection, one accepted, and a reserve.
    register(
        tx,
        ids[0],
        seekers[0],
        "registered",
        None,
        None,
        now - DAY_MS,
    )
    .await?;
    register(tx, ids[0], seekers[1], "accepted", None, None, now - DAY_MS).await?;
    register(
        tx,
        ids[0],
        seekers[2],
        "reserve",
        Some(1),
        None,
        now - DAY_MS,
    )
    .await?;
    sqlx::query(
        "UPDATE training_programmes SET held = 2, reserve_held = 1, reserve_seq = 1 WHERE id = $1",
    )
    .bind(ids[0])
    .execute(&mut **tx)
    .await?;
    // The finished sewing class: certificates and verified skills.
    let finished_at = now - 35 * DAY_MS;
    for &seeker in &seekers[1..] {
        let code = new_certificate_code();
        let registration = register(
            tx,
            ids[3],
            seeker,
            "completed",
            None,
            Some(&code),
            finished_at,
        )
        .await?;
        for skill in ["Menjahit", "Mesin jahit industri"] {
            sqlx::query(
                "INSERT INTO training_skills (account_id, skill, registration_id, certificate_code, verified_at_ms) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(seeker)
            .bind(skill)
            .bind(registration)
            .bind(&code)
            .bind(finished_at)
            .execute(&mut **tx)
            .await?;
        }
        sqlx::query("UPDATE seeker_profiles SET verified_skills = 'Menjahit, Mesin jahit industri' WHERE account_id = $1")
            .bind(seeker)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO seeker_certificates (account_id, kind, name, issuer, year, created_at_ms, \
             training_registration_id) SELECT $1, 'training', title, provider_name, $2, $3, $5 \
             FROM training_programmes WHERE id = $4",
        )
        .bind(seeker)
        .bind(i64::from(calendar::wib_date(finished_at).year()))
        .bind(finished_at)
        .bind(ids[3])
        .bind(registration)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("UPDATE training_programmes SET held = 2 WHERE id = $1")
        .bind(ids[3])
        .execute(&mut **tx)
        .await?;
    Ok(())
}
