//! Demo PKWT registrations for the demo company: two registered contracts with the demo seekers (one ending
//! within a month, so its reminder and compensation show) and one waiting in the officer's queue.
use sqlx::{Any, Transaction};

use crate::{
    core::calendar::{self, format_date},
    features::pkwt::officer::registration_number,
    server::pii::PiiCipher,
};

const DAY_MS: i64 = 86_400_000;

/// (worker id, name, sex, birth date, position, wage, start offset, end offset in days, status).
type DemoContract = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    i64,
    &'static str,
);

pub async fn insert_demo_contracts(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    submitted_by: i64,
    seekers: &[(&'static str, &'static str, &'static str, &'static str)],
    pii: &PiiCipher,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let today = calendar::wib_date(now);
    let day = |offset: i64| format_date(today + time::Duration::days(offset));
    let mut contracts: Vec<DemoContract> = seekers
        .iter()
        .zip([(-160, 25), (-30, 335)])
        .map(|((nik, name, sex, birth), (start, end))| {
            (
                *nik,
                *name,
                *sex,
                *birth,
                "Operator produksi",
                5_600_000,
                start,
                end,
                "approved",
            )
        })
        .collect();
    contracts.push((
        "3603011205900003",
        "Budi Santoso",
        "male",
        "1990-05-12",
        "Teknisi perawatan mesin",
        6_200_000,
        3,
        185,
        "waiting",
    ));
    let mut serial = 0;
    for (worker_id, name, sex, birth, position, wage, start, end, status) in &contracts {
        let ciphertext = pii.encrypt(worker_id).unwrap_or_default();
        let approved = *status == "approved";
        let number = approved.then(|| {
            serial += 1;
            registration_number(today.year(), serial)
        });
        let code = approved.then(|| format!("DEMO{serial:012}"));
        sqlx::query(
            "INSERT INTO pkwt_contracts (company_id, worker_id_ciphertext, worker_id_hash, worker_name, worker_sex, \
             worker_birth_date, worker_address, foreign_worker, position, workplace, wage_idr, wage_with_allowances, \
             contract_kind, days_per_month, start_date, end_date, signed_place, signed_date, link_kind, late, status, \
             submitted_at_ms, due_at_ms, submitted_by, decided_at_ms, registration_number, verification_code) \
             VALUES ($1, $2, $3, $4, $5, $6, 'Kabupaten Tangerang', 0, $7, 'Pabrik Cikupa', $8, 1, 'period', NULL, $9, $10, \
             'Tangerang', $11, 'new', 0, $12, $13, $14, $15, $16, $17, $18)",
        )
        .bind(company_id)
        .bind(ciphertext)
        .bind(pii.blind_index(worker_id))
        .bind(*name)
        .bind(*sex)
        .bind(*birth)
        .bind(*position)
        .bind(*wage)
        .bind(day(*start))
        .bind(day(*end))
        .bind(day((*start).min(0) - 1))
        .bind(*status)
        .bind(now - DAY_MS / 2)
        .bind(now + DAY_MS / 2)
        .bind(submitted_by)
        .bind(approved.then_some(now - DAY_MS / 4))
        .bind(number)
        .bind(code)
        .execute(&mut **tx)
        .await?;
    }
    if serial > 0 {
        sqlx::query("INSERT INTO pkwt_number_counters (year, last_serial) VALUES ($1, $2)")
            .bind(i64::from(today.year()))
            .bind(serial)
            .execute(&mut **tx)
            .await?;
    }
    Ok(contracts.len())
}
