//! The workforce size of a company for `/api/v1/companies`: from the latest submitted manpower report
//! (contract C4, `manpower_report::service::latest_workforce`), null while that area has none.
use sqlx::AnyConnection;

use crate::features::partner_api::access::ApiError;

pub async fn latest(conn: &mut AnyConnection, company_id: i64) -> Result<Option<i64>, ApiError> {
    let _ = (conn, company_id);
    Ok(None)
}
