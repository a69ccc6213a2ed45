//! What other features may ask of the manpower report: the workforce total of the company's latest
//! submitted report (C4), and the open due dates (the compliance page shows the ones the company's page
//! and the reminders use). Never `manpower_report::repo`.
use sqlx::AnyConnection;

use crate::core::error::AppError;

pub use super::{
    dues::{CompanyDues, company_dues},
    repo::Scope as DuesScope,
};

/// The workforce total of the latest current (not superseded) version, if the company ever reported.
pub async fn latest_workforce(
    conn: &mut AnyConnection,
    company_id: i64,
) -> Result<Option<i64>, AppError> {
    Ok(super::repo::latest_workforce(conn, company_id).await?)
}
