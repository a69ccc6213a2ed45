//! Demo requests of the demo company: one of each shipped type at a different stage (a PP approval deemed
//! approved by the office's silence, a PKB waiting, notices with their receipts, a PHK report in review
//! with the worker's NIK encrypted, a PP sent back for correction, a withdrawn mass-leave notice). The
//! strike notice is filed by a demo worker's account for the union, as real ones are.
use sqlx::{Any, Transaction};

use crate::{
    core::calendar::{self, format_date},
    server::pii::PiiCipher,
};

/// (type, code, status, data, number, days ago filed, due in days, reason of the last step).
type DemoRequest = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    i64,
    Option<i64>,
    Option<&'static str>,
);

const REQUESTS: [DemoRequest; 9] = [
    (
        "pp_approval",
        "LYDEMPP001",
        "deemed_approved",
        r#"{"workers":"240","renewal":"tidak","representatives":"LKS Bipartit PT (5 wakil pekerja)"}"#,
        Some("PP/00001/3603/2026"),
        50,
        None,
        Some("Disahkan demi hukum: tidak diputus dalam 30 hari kerja (UU 13/2003 Ps 112)"),
    ),
    (
        "pkb",
        "LYDEMPKB01",
        "submitted",
        r#"{"union_name":"PUK SPSI PT","union_registration":"568/SP/DISNAKER/2019","term_start":"2027-01-01","term_end":"2028-12-31"}"#,
        None,
        1,
        Some(7),
        None,
    ),
    (
        "strike",
        "LYDEMMGK01",
        "registered",
        r#"{"union_name":"PUK SPSI PT","union_registration":"568/SP/DISNAKER/2019","start_date":"2027-01-11","start_time":"08:00","end_date":"2027-01-12","end_time":"17:00","place":"Halaman pabrik","reasons":"Perundingan upah 2027 buntu"}"#,
        Some("MOGOK/00003/3603/2026"),
        2,
        None,
        None,
    ),
    (
        "lockout",
        "LYDEMLCK01",
        "registered",
        r#"{"sector":"umum","start_date":"2027-01-13","start_time":"07:00","end_date":"2027-01-14","end_time":"17:00","reasons":"Perundingan gagal"}"#,
        Some("LOCKOUT/00004/3603/2026"),
        2,
        None,
        None,
    ),
    (
        "phk",
        "LYDEMPHK01",
        "in_review",
        r#"{"worker_name":"Rudi Hartono","notice_date":"2026-12-01","end_date":"2026-12-31","probation":"tidak","reasons":"Efisiensi lini produksi"}"#,
        None,
        3,
        Some(4),
        None,
    ),
    (
        "overtime",
        "LYDEMLMB01",
        "registered",
        r#"{"start_date":"2026-12-14","end_date":"2026-12-19","workers":"60","hours_per_day":"3","hours_per_week":"15","reasons":"Pesanan akhir tahun"}"#,
        Some("LEMBUR/00006/3603/2026"),
        4,
        None,
        None,
    ),
    (
        "mass_leave",
        "LYDEMCTI01",
        "withdrawn",
        r#"{"start_date":"2026-12-24","end_date":"2026-12-26","workers":"300","reasons":"Cuti bersama Natal"}"#,
        None,
        6,
        None,
        None,
    ),
    (
        "tka_permit",
        "LYDEMTKA01",
        "registered",
        r#"{"application_kind":"rptka_perpanjangan","application_number":"RPTKA-2026-118833","position":"Production Manager","stage":"verifikasi","rptka_number":"RPTKA-3603-2026-0417"}"#,
        Some("TKA/00008/3603/2026"),
        9,
        None,
        Some("verifikasi: berkas lengkap"),
    ),
    (
        "pp_approval",
        "LYDEMPP002",
        "correction_requested",
        r#"{"workers":"45","renewal":"ya","previous_number":"PP/00012/3603/2024","representatives":"Wakil pekerja terpilih"}"#,
        None,
        8,
        Some(12),
        Some("Lampirkan bukti saran wakil pekerja yang ditandatangani"),
    ),
];

pub async fn insert_demo_requests(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    filed_by: i64,
    pii: &PiiCipher,
    now: i64,
) -> Result<usize, sqlx::Error> {
    const DAY: i64 = 86_400_000;
    let nik = "3603011001900005";
    let nik_ciphertext = pii
        .encrypt(nik)
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let nik_hash = pii.blind_index(nik);
    // A strike notice is the union's: a demo worker's account files it for the union (as `union.rs` takes
    // it), naming the demo company as the employer.
    let union_worker: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM accounts WHERE email = 'pencaker1@demo.dnaker.id'")
            .fetch_optional(&mut **tx)
            .await?;
    for (i, (key, code, status, data, number, ago, due, reason)) in REQUESTS.into_iter().enumerate()
    {
        let filed = now - ago * DAY;
        let (type_id,): (i64,) = sqlx::query_as("SELECT id FROM request_types WHERE type_key = $1")
            .bind(key)
            .fetch_one(&mut **tx)
            .await?;
        let is_phk = key == "phk";
        let (filer, filer_role) = match (key, union_worker) {
            ("strike", Some((worker,))) => (worker, "seeker"),
            _ => (filed_by, "company"),
        };
        let issued = number.is_some();
        let valid_until = (key == "pp_approval" && issued)
            .then(|| format_date(calendar::wib_date(now) + time::Duration::days(730)));
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO requests (code, type_id, company_id, filed_by, status, data_json, warnings_json, worker_nik_ciphertext, \
             worker_nik_hash, submitted_at_ms, due_at_ms, number, verification_code, issued_at_ms, valid_until, created_at_ms, \
             updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, '[]', $7, $8, $9, $10, $11, $12, $13, $14, $9, $15) RETURNING id",
        )
        .bind(code)
        .bind(type_id)
        .bind(company_id)
        .bind(filer)
        .bind(status)
        .bind(data)
        .bind(is_phk.then(|| nik_ciphertext.clone()))
        .bind(is_phk.then(|| nik_hash.clone()))
        .bind(filed)
        .bind(due.map(|d| now + d * DAY))
        .bind(number)
        .bind(issued.then(|| format!("DEMO{i}VERIFIKASI{code}")))
        .bind(issued.then_some(now - DAY))
        .bind(valid_until)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        let mut steps = vec![(None, "submitted", filed, None)];
        if status != "submitted" {
            steps.push((Some("submitted"), status, now - DAY, reason));
        }
        for (from, to, at, why) in steps {
            sqlx::query(
                "INSERT INTO request_events (request_id, from_status, to_status, actor_account_id, actor_role, reason, at_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(from)
            .bind(to)
            .bind((from.is_none() || status == "withdrawn").then_some(filer))
            .bind(match (from, status) {
                (None, _) | (_, "withdrawn") => filer_role,
                (_, "correction_requested" | "in_review") => "officer",
                _ => "",
            })
            .bind(why)
            .bind(at)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(REQUESTS.len())
}
