//! What anyone may check: the public verification behind a DKPTKA receipt's QR code.
use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
        money::Rupiah,
    },
    features::tka::{
        model::{DkptkaVerification, format_usd},
        repo::bills,
        rules::mask_document_number,
    },
    server::db::Db,
};

/// The public check behind a receipt's QR code: masked fields, no names or passports.
pub async fn verify(db: &Db, code: &str) -> Result<DkptkaVerification, AppError> {
    let code = code.trim();
    if code.is_empty() || code.len() > 40 {
        return Err(AppError::NotFound);
    }
    let row = bills::validated_by_code(&db.pool, code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(DkptkaVerification {
        bill_number: row.bill_number,
        company_name: row.company_name,
        rptka_masked: mask_document_number(&row.rptka_number),
        period_start: row.period_start,
        period_end: row.period_end,
        positions: row.positions,
        amount_usd: format_usd(row.amount_usd_cents),
        amount_idr: Rupiah(row.amount_idr),
        validated_on: row
            .decided_at_ms
            .map(|ms| format_date(calendar::wib_date(ms)))
            .unwrap_or_default(),
    })
}
