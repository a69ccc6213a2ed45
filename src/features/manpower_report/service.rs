//! What other features may ask of the manpower report (C4): the workforce total of the company's latest
//! submitted report. Never `manpower_report::repo`.
use sqlx::AnyConnection;

use crate::core::error::AppError;

/// The workforce total of the latest current (not superseded) version, if the company ever reported.
pub async fn latest_workforce(
    conn: &mut AnyConnection,
    company_id: i64,
) -> Result<Option<i64>, AppError> {
    Ok(super::repo::latest_workforce(conn, company_id).await?)
}
