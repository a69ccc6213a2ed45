//! Demo rows for the service dashboard: a company that has waited for verification for over a week, so
//! the dashboard shows an overdue item; and the statistics read model built once the demo is loaded.
use sqlx::{Any, Transaction};

use crate::server::db::Db;

const DAY_MS: i64 = 86_400_000;

/// A company registered eight days ago and still unverified: past its one-working-day deadline whatever
/// the weekday or holidays.
pub async fn insert_overdue_company(
    tx: &mut Transaction<'static, Any>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO companies (name, nib, npwp, kbli_section, kbli_division, district_code, address, size_band, \
         contact_name, contact_email, verified, created_at_ms) \
         VALUES ('PT Antrean Lama Sentosa', '3603000000070', '013603000000700', 'G', '47', '36.03.05', \
         'Jl. Raya Cisoka No. 20', 'kecil', 'Bagus Pratama', 'hrd@antreanlama.example', 0, $1) RETURNING id",
    )
    .bind(now - 8 * DAY_MS)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Builds the statistics read model from the demo data (a failure is logged: the hourly job retries).
pub async fn refresh_statistics(db: &Db, now: i64) {
    if let Err(error) = crate::features::statistics::service::rebuild(db, now).await {
        tracing::warn!(%error, "demo statistics were not built");
    }
}
