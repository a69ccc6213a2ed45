//! The public side of PKWT registration: the check behind a receipt's QR code, open to anyone.
use crate::{
    core::error::AppError,
    features::pkwt::{model::PkwtVerification, repo, views},
    server::db::Db,
};

/// The public check behind the receipt's QR code: masked fields only.
pub async fn verify(db: &Db, code: &str, now_ms: i64) -> Result<PkwtVerification, AppError> {
    let code = code.trim();
    if code.is_empty() || code.len() > 64 {
        return Err(AppError::NotFound);
    }
    let row = repo::verified_contract(db, code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(views::verification(row, now_ms))
}
