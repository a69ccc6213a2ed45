//! What other features may ask of requests (contract C3): a company's current company regulation.
use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
    },
    features::requests::repo,
};

/// The company's current approved PP or registered PKB: ("pp" or "pkb", number, valid until YYYY-MM-DD),
/// or `None` when it has none in force today. `today` is taken from the server's clock in WIB.
pub async fn company_regulation(
    conn: &mut sqlx::AnyConnection,
    company_id: i64,
) -> Result<Option<(String, String, String)>, AppError> {
    let today = format_date(wib_date(crate::server::db::now_ms()));
    Ok(repo::current_regulation(conn, company_id, &today).await?)
}
