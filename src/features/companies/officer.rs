//! The officer's side: the queue of companies waiting for verification, and the decision.
use sqlx::FromRow;

use crate::{
    core::{error::AppError, text::normalize_text},
    features::companies::model::CompanyReview,
    server::{audit, authz::RequestCtx, reference},
};

#[derive(FromRow)]
struct ReviewRow {
    id: i64,
    name: String,
    nib: String,
    npwp: String,
    kbli_section: String,
    kbli_division: Option<String>,
    district_name: Option<String>,
    address_elsewhere: Option<String>,
    size_band: String,
    contact_name: String,
    contact_email: String,
    created_at_ms: i64,
}

/// Unverified, unrejected companies, oldest first, with their one-working-day deadline.
pub async fn pending(ctx: &RequestCtx) -> Result<Vec<CompanyReview>, AppError> {
    ctx.require_staff()?;
    let rows: Vec<ReviewRow> = sqlx::query_as(
        "SELECT c.id, c.name, c.nib, c.npwp, c.kbli_section, c.kbli_division, r.name AS district_name, c.address_elsewhere, \
         c.size_band, c.contact_name, c.contact_email, c.created_at_ms FROM companies c LEFT JOIN regions r ON r.code = c.district_code \
         WHERE c.verified = 0 AND c.rejection_reason IS NULL ORDER BY c.created_at_ms, c.id",
    )
    .fetch_all(&ctx.state.db.pool)
    .await?;
    // The queue shows each company's contact person (name, e-mail): a staff read of personal data.
    // Contact persons are not necessarily accounts, so the row names no one.
    let detail = format!("{} companies", rows.len());
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("company.list_pending", "company", None)
            .detail(&detail),
    )
    .await?;
    let calendar = reference::holiday_calendar(&ctx.state.db).await?;
    Ok(rows
        .into_iter()
        .map(|row| CompanyReview {
            id: row.id,
            name: row.name,
            nib: row.nib,
            npwp: crate::core::validate::format_npwp(&row.npwp),
            kbli_section: row.kbli_section,
            kbli_division: row.kbli_division,
            location: row
                .district_name
                .or(row.address_elsewhere)
                .unwrap_or_default(),
            size_band: row.size_band,
            contact_name: row.contact_name,
            contact_email: row.contact_email,
            due_at_ms: calendar.service_deadline(row.created_at_ms, 1),
            registered_at_ms: row.created_at_ms,
        })
        .collect())
}

/// Verifies (`reason = None`) or rejects a pending company.
pub async fn review(
    ctx: &RequestCtx,
    company_id: i64,
    reason: Option<String>,
) -> Result<(), AppError> {
    let officer = ctx.require_staff()?;
    let reason = match reason {
        Some(text) => {
            Some(normalize_text(&text, 5, 1000).map_err(|key| AppError::field("reason", key))?)
        }
        None => None,
    };
    let mut tx = ctx.state.db.begin_write().await?;
    let updated = sqlx::query(
        "UPDATE companies SET verified = $1, rejection_reason = $2, reviewed_by = $3, reviewed_at_ms = $4 \
         WHERE id = $5 AND verified = 0 AND rejection_reason IS NULL",
    )
    .bind(i64::from(reason.is_none()))
    .bind(&reason)
    .bind(officer.account_id)
    .bind(ctx.now_ms())
    .bind(company_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_reviewed".into()));
    }
    let action = if reason.is_some() {
        "company.reject"
    } else {
        "company.verify"
    };
    audit::record(
        &mut *tx,
        ctx.audit(action, "company", Some(company_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
