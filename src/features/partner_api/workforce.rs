//! The workforce size of a company for `/api/v1/companies/lookup`: from the latest submitted manpower
//! report (contract C4, `manpower_report::service::latest_workforce`), null when the company never
//! reported.
use sqlx::AnyConnection;

use crate::features::{manpower_report::service, partner_api::access::ApiError};

pub async fn latest(conn: &mut AnyConnection, company_id: i64) -> Result<Option<i64>, ApiError> {
    Ok(service::latest_workforce(conn, company_id).await?)
}
