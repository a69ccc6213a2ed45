//! Demo foreign workers of the demo company (one permit ending within a month, so the expiry warning shows)
//! and a DKPTKA bill waiting for an officer's validation.
// The rate is grouped as rupiah_hundredths: `16_234_50` is Rp 16,234.50.
#![expect(clippy::inconsistent_digit_grouping)]

use sqlx::{Any, Transaction};

use crate::{
    core::calendar::{self, format_date},
    features::tka::rules::{levy, levy_months},
    server::pii::PiiCipher,
};

/// (name, passport, nationality, position, KBJI group, permit ends in days, counterpart progress).
const WORKERS: [(&str, &str, &str, &str, &str, i64, i64); 2] = [
    (
        "Zhang Wei",
        "E55120987",
        "Tiongkok",
        "Production Manager",
        "13",
        24,
        45,
    ),
    (
        "Park Ji-hoon",
        "M33017762",
        "Korea Selatan",
        "Process Engineer",
        "21",
        200,
        70,
    ),
];
const RPTKA: &str = "RPTKA-3603-2026-0417";

pub async fn insert_demo_foreign_workers(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    hrd: i64,
    pii: &PiiCipher,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let today = calendar::wib_date(now);
    let day = |offset: i64| format_date(today + time::Duration::days(offset));
    let encrypt = |value: &str| {
        pii.encrypt(value)
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))
    };
    for (name, passport, nationality, position, occupation, permit_days, progress) in WORKERS {
        sqlx::query(
            "INSERT INTO tka_workers (company_id, name, passport_ciphertext, passport_hash, nationality, sex, position, \
             occupation_code, rptka_number, rptka_start, rptka_end, permit_number, permit_start, permit_end, district_code, \
             start_date, end_date, counterpart_name, counterpart_nik_ciphertext, counterpart_nik_hash, counterpart_position, \
             counterpart_progress, language_training, status, created_by, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, \
             $4, $5, 'male', $6, $7, $8, $9, $10, $11, $12, $13, '36.03.01', $12, $13, 'Ahmad Fauzi', $14, $15, \
             'Supervisor Produksi', $16, 'ongoing', 'active', $17, $18, $18)",
        )
        .bind(company_id)
        .bind(name)
        .bind(encrypt(passport)?)
        .bind(pii.blind_index(passport))
        .bind(nationality)
        .bind(position)
        .bind(occupation)
        .bind(RPTKA)
        .bind(day(-330))
        .bind(day(35))
        .bind(format!("NOTIF-{passport}"))
        .bind(day(-320))
        .bind(day(permit_days))
        .bind(encrypt("3603011505900001")?)
        .bind(pii.blind_index("3603011505900001"))
        .bind(progress)
        .bind(hrd)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    // The extension after the RPTKA ends: six months for both positions, the proof sent today.
    let (start, end) = (
        today + time::Duration::days(36),
        today + time::Duration::days(36 + 180),
    );
    let amount = levy(2, levy_months(start, end), 16_234_50);
    sqlx::query(
        "INSERT INTO dkptka_number_counters (year, last_serial) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last_serial = dkptka_number_counters.last_serial + 1",
    )
    .bind(i64::from(today.year()))
    .execute(&mut **tx)
    .await?;
    let (serial,): (i64,) =
        sqlx::query_as("SELECT last_serial FROM dkptka_number_counters WHERE year = $1")
            .bind(i64::from(today.year()))
            .fetch_one(&mut **tx)
            .await?;
    sqlx::query(
        "INSERT INTO dkptka_bills (company_id, bill_number, rptka_number, period_start, period_end, positions, months, \
         amount_usd_cents, rate_hundredths, rate_date, rate_source, amount_idr, status, payment_reference, paid_on, \
         submitted_at_ms, due_at_ms, created_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, 2, $6, $7, 1623450, $8, \
         'Kurs JISDOR Bank Indonesia', $9, 'submitted', 'BNI-DEMO-0417', $8, $10, $11, $12, $10)",
    )
    .bind(company_id)
    .bind(format!("DKPTKA/3603/{}/{serial:06}", today.year()))
    .bind(RPTKA)
    .bind(format_date(start))
    .bind(format_date(end))
    .bind(amount.months)
    .bind(amount.usd_cents)
    .bind(day(0))
    .bind(amount.idr)
    .bind(now)
    .bind(now + 86_400_000)
    .bind(hrd)
    .execute(&mut **tx)
    .await?;
    sqlx::query("INSERT INTO dkptka_rptkas (company_id, rptka_number, bills) VALUES ($1, $2, 1)")
        .bind(company_id)
        .bind(RPTKA)
        .execute(&mut **tx)
        .await?;
    Ok(WORKERS.len())
}
