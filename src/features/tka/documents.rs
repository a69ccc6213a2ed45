//! A bill's files, for its company's members or staff: the uploaded payment proof and the receipt PDF of a
//! validated bill (its QR code opens the public verification page).
use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
        money::Rupiah,
    },
    features::tka::{
        model::format_usd,
        receipt_pdf,
        repo::bills::{self, BillRow},
        rules::format_rate,
    },
    server::{authz::RequestCtx, error::internal},
};

/// A bill the caller may see: its company's members, or staff.
async fn visible_bill(ctx: &RequestCtx, id: i64) -> Result<BillRow, AppError> {
    let user = ctx.require_signed_in()?;
    let row = bills::by_id(&ctx.state.db.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.role.is_staff() || user.company_id == Some(row.company_id) {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// The uploaded payment proof (its company, or staff).
pub async fn proof(ctx: &RequestCtx, bill_id: i64) -> Result<Vec<u8>, AppError> {
    let bill = visible_bill(ctx, bill_id).await?;
    let key = bill.proof_key.ok_or(AppError::NotFound)?;
    ctx.state.storage.get(&key).await.map_err(internal)
}

/// The receipt of a validated bill (its company, or staff): file name and PDF.
pub async fn receipt(ctx: &RequestCtx, bill_id: i64) -> Result<(String, Vec<u8>), AppError> {
    let bill = visible_bill(ctx, bill_id).await?;
    let (Some(code), Some(decided)) = (bill.verification_code.as_deref(), bill.decided_at_ms)
    else {
        return Err(AppError::NotFound);
    };
    let data = receipt_pdf::ReceiptData {
        verify_url: format!(
            "{}/verifikasi/dkptka/{code}",
            ctx.state.config.server.public_url.trim_end_matches('/')
        ),
        validated_on: format_date(calendar::wib_date(decided)),
        bill_number: bill.bill_number.clone(),
        company_name: bill.company_name.clone(),
        rptka_number: bill.rptka_number.clone(),
        period: format!("{} s.d. {}", bill.period_start, bill.period_end),
        positions_months: format!("{} jabatan x {} bulan", bill.positions, bill.months),
        amount_usd: format_usd(bill.amount_usd_cents),
        rate: format!(
            "{} ({}, {})",
            format_rate(bill.rate_hundredths),
            bill.rate_date,
            bill.rate_source
        ),
        amount_idr: Rupiah(bill.amount_idr).to_string(),
        payment: format!(
            "{} ({})",
            bill.payment_reference.clone().unwrap_or_default(),
            bill.paid_on.clone().unwrap_or_default()
        ),
    };
    // Drawing a PDF is CPU work: off the async threads.
    let bytes = tokio::task::spawn_blocking(move || receipt_pdf::render(&data))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    Ok((format!("{}.pdf", bill.bill_number.replace('/', "-")), bytes))
}
