//! What other features may ask of requests (contract C3): a company's current company regulation.
use crate::{core::error::AppError, features::requests::repo};

/// The company's approved PP or registered PKB in force on `as_of` (YYYY-MM-DD: the caller's day from the
/// app clock, e.g. a manpower report's report day; `end_of_day_ms` is the first instant after it, so one
/// issued later does not count): ("pp" or "pkb", number, valid until YYYY-MM-DD), or `None`.
pub async fn company_regulation(
    conn: &mut sqlx::AnyConnection,
    company_id: i64,
    as_of: &str,
    end_of_day_ms: i64,
) -> Result<Option<(String, String, String)>, AppError> {
    Ok(repo::current_regulation(conn, company_id, as_of, end_of_day_ms).await?)
}
