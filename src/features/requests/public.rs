//! What anyone may check: the public verification behind an issued document's QR code.
use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
    },
    features::requests::{model::RequestVerification, repo},
    server::db::Db,
};

/// The issued document behind a verification code: number, type, company, dates; nothing personal.
pub async fn verify(db: &Db, code: &str) -> Result<RequestVerification, AppError> {
    let code = code.trim();
    if code.is_empty() || code.len() > 40 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    let row = repo::by_verification_code(db, code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(RequestVerification {
        number: row.number.unwrap_or_default(),
        document_title: row.document_title,
        type_name_id: row.type_name_id,
        type_name_en: row.type_name_en,
        company_name: row.company_name,
        status: row.status,
        issued_on: row
            .issued_at_ms
            .map(|ms| format_date(wib_date(ms)))
            .unwrap_or_default(),
        valid_until: row.valid_until,
    })
}
