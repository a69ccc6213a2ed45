//! Demo rows of issue 24: each demo company with an account has last year's manpower report, one accident
//! report (on time, a hand injury) and one open inspection order, whose findings PDF is stored by
//! `store_demo_documents` (the seed's transaction has no storage; it runs right after the seed).
use sqlx::{Any, Transaction};

use crate::{
    core::{
        calendar::{self, format_date},
        region::REGENCY,
    },
    features::manpower_report::model::{ReportForm, tick},
    server::{
        db::Db,
        pdf::{FONT, letterhead, one_page, text},
        pii::PiiCipher,
        storage::{Storage, StorageError},
    },
};

/// The storage key of the demo inspections' findings (storage keys allow no dot).
pub const DEMO_FINDINGS_KEY: &str = "demo/k3-temuan";

fn last_year_form(total: i64, valid_until: String) -> ReportForm {
    let n = |v: i64| v.to_string();
    ReportForm {
        reason: "yearly".into(),
        office_kind: "head".into(),
        address: "Jl. Raya Serang Km 12, Cikupa, Kabupaten Tangerang".into(),
        bpjs_number: "23011234567".into(),
        total: n(total),
        male: n(total * 6 / 10),
        female: n(total - total * 6 / 10),
        age_under_25: n(total / 4),
        age_25_39: n(total / 2),
        age_40_54: n(total - total / 4 - total / 2),
        age_55_up: n(0),
        edu_basic: n(total / 10),
        edu_secondary: n(total - total / 10 - total / 10),
        edu_diploma: n(total / 20),
        edu_degree: n(total / 10 - total / 20),
        permanent: n(total / 2),
        pkwt: n(total - total / 2 - 2),
        outsourced: n(2),
        daily: n(0),
        local: n(total - 2),
        foreign: n(2),
        disability: n(total / 100),
        lowest_wage: n(4_950_000),
        wage_scale: tick(true),
        bpjs_tk: n(total),
        bpjs_kes: n(total),
        weekly_hours: n(40),
        overtime: "occasional".into(),
        trained: n(total / 5),
        union_present: tick(true),
        regulation_kind: "pp".into(),
        regulation_number: "PP/3603/2024/031".into(),
        regulation_valid_until: valid_until,
        p2k3: tick(total >= 100),
        smk3: None,
        k3_officers: n(2),
        accidents: n(0),
    }
}

pub async fn insert_demo_obligations(
    tx: &mut Transaction<'static, Any>,
    companies: &[i64],
    pii: &PiiCipher,
    now: i64,
) -> Result<(), sqlx::Error> {
    let today = calendar::wib_date(now);
    let year = today.year();
    let (officer,): (i64,) = sqlx::query_as(
        "SELECT id FROM accounts WHERE role IN ('officer', 'admin') ORDER BY id LIMIT 1",
    )
    .fetch_one(&mut **tx)
    .await?;
    for (index, company_id) in companies.iter().copied().enumerate() {
        let account: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM accounts WHERE company_id = $1 ORDER BY id LIMIT 1")
                .bind(company_id)
                .fetch_optional(&mut **tx)
                .await?;
        let Some((account,)) = account else { continue };
        let total = if index == 0 { 124 } else { 38 };
        let form = last_year_form(total, format!("{}-06-30", year + 1));
        let data =
            serde_json::to_string(&form).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let submitted = now - 300 * 86_400_000;
        sqlx::query(
            "INSERT INTO manpower_reports (company_id, year, version, reason, data_json, workforce_total, lowest_wage_idr, \
             disability, bpjs_enrolled, warnings, receipt_number, verification_code, submitted_by, submitted_at_ms) \
             VALUES ($1, $2, 1, 'yearly', $3, $4, 4950000, $5, $4, '', $6, $7, $8, $9)",
        )
        .bind(company_id)
        .bind(i64::from(year - 1))
        .bind(&data)
        .bind(total)
        .bind(total / 100)
        .bind(format!("WLKP/{}/{}/{company_id:05}-1", REGENCY.code, year - 1))
        .bind(format!("demoWLKP{company_id:08}"))
        .bind(account)
        .bind(submitted)
        .execute(&mut **tx)
        .await?;
        let nik = ["3603012005960901", "3603016303970002"][index % 2];
        let (sex, birth) = [("male", "1996-05-20"), ("female", "1997-03-23")][index % 2];
        let occurred = now - 20 * 86_400_000;
        sqlx::query(
            "INSERT INTO k3_accidents (company_id, case_number, victim_name, victim_nik_ciphertext, victim_nik_hash, \
             victim_birth_date, victim_sex, victim_job, victim_unit, place, occurred_at_ms, description, task, witnesses, \
             agent, outcome, body_part, treatment, hospital, lost_days, loss_idr, late, reported_by, reported_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'Operator mesin', 'Produksi', 'Lini 2', $8, \
             'Jari tergores pisau pemotong saat mengganti gulungan bahan.', 'Mengganti gulungan bahan', 'Rudi (pengawas)', \
             'Mesin pemotong', 'injured', 'Jari tangan kanan', 'Dijahit, rawat jalan', 'RSUD Balaraja', 2, 1500000, 0, $9, $10)",
        )
        .bind(company_id)
        .bind(format!("K3/{}/{year}/D{company_id:04}", REGENCY.code))
        .bind(["Budi Santoso", "Sri Wahyuni"][index % 2])
        .bind(pii.encrypt(nik).map_err(|e| sqlx::Error::Protocol(e.to_string()))?)
        .bind(pii.blind_index(nik))
        .bind(birth)
        .bind(sex)
        .bind(occurred)
        .bind(account)
        .bind(occurred + 5 * 3_600_000)
        .execute(&mut **tx)
        .await?;
        let (inspection,): (i64,) = sqlx::query_as(
            "INSERT INTO k3_inspections (company_id, inspected_on, summary, document_key, created_by, created_at_ms) \
             VALUES ($1, $2, 'Pelindung mesin pemotong di lini 2 belum terpasang; APAR gedung B kedaluwarsa.', \
             $3, $4, $5) RETURNING id",
        )
        .bind(company_id)
        .bind(format_date(today - time::Duration::days(10)))
        .bind(DEMO_FINDINGS_KEY)
        .bind(officer)
        .bind(now - 10 * 86_400_000)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO k3_orders (inspection_id, company_id, description, due_date, status) \
             VALUES ($1, $2, 'Pasang pelindung mesin pemotong di lini 2 dan isi ulang APAR gedung B.', $3, 'open')",
        )
        .bind(inspection)
        .bind(company_id)
        .bind(format_date(today + time::Duration::days(20)))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum DemoFileError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("demo PDF: {0}")]
    Pdf(String),
}

/// The demo findings: a one-page PDF with the demo inspection's summary and order.
fn demo_findings_pdf() -> Result<Vec<u8>, qrcode::types::QrError> {
    one_page("Hasil pemeriksaan K3 (data demo)", |content| {
        let (left, y) = letterhead(
            content,
            "HASIL PEMERIKSAAN K3",
            "UU 1/1970 tentang Keselamatan Kerja - contoh data demo",
            "DEMO/K3/PEMERIKSAAN",
        );
        let lines = [
            "Temuan:",
            "1. Pelindung mesin pemotong di lini 2 belum terpasang.",
            "2. APAR gedung B kedaluwarsa.",
            "",
            "Perintah: pasang pelindung mesin pemotong di lini 2 dan isi ulang APAR gedung B",
            "dalam 30 hari, lalu laporkan selesai dengan bukti melalui d'naker DIGI.",
        ];
        for (i, line) in lines.iter().enumerate() {
            text(content, FONT, 10.0, left, y - 14.0 * i as f32, line);
        }
        Ok(())
    })
}

/// Stores the findings PDF of every demo inspection whose file is missing (run after the seed; safe to
/// run again, and it repairs a demo database seeded before the file was stored). Returns how many it stored.
pub async fn store_demo_documents(db: &Db, storage: &Storage) -> Result<usize, DemoFileError> {
    let keys: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT document_key FROM k3_inspections WHERE document_key LIKE 'demo/%'",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut stored = 0;
    for (key,) in keys {
        if storage.get(&key).await.is_ok() {
            continue;
        }
        let bytes = demo_findings_pdf().map_err(|e| DemoFileError::Pdf(e.to_string()))?;
        storage.put(&key, &bytes).await?;
        stored += 1;
    }
    Ok(stored)
}
