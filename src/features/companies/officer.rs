//! The officer's side: the queue of companies waiting for verification, and the decision.
use sqlx::FromRow;

use crate::{
    core::{
        calendar::HolidayCalendar,
        error::AppError,
        text::{like_pattern, normalize_text},
    },
    features::companies::model::{
        CompanyQueue, CompanyReview, QUEUE_PAGE_SIZE, queue_page, queue_search,
    },
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

/// Unverified, unrejected companies matching the search (part of the name, or the NIB), oldest first, one
/// page at a time, with their one-working-day deadline.
pub async fn pending(ctx: &RequestCtx, page: i64, search: &str) -> Result<CompanyQueue, AppError> {
    ctx.require_staff()?;
    let pool = &ctx.state.db.pool;
    let search = queue_search(search);
    let pattern = if search.is_empty() {
        String::new()
    } else {
        like_pattern(&search)
    };
    let (total,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM companies c {PENDING}"))
        .bind(&pattern)
        .bind(&search)
        .fetch_one(pool)
        .await?;
    let (page, pages) = queue_page(page, total);
    let rows: Vec<ReviewRow> = sqlx::query_as(&format!(
        "SELECT c.id, c.name, c.nib, c.npwp, c.kbli_section, c.kbli_division, r.name AS district_name, c.address_elsewhere, \
         c.size_band, c.contact_name, c.contact_email, c.created_at_ms FROM companies c LEFT JOIN regions r ON r.code = c.district_code \
         {PENDING} ORDER BY c.created_at_ms, c.id LIMIT $3 OFFSET $4",
    ))
    .bind(&pattern)
    .bind(&search)
    .bind(QUEUE_PAGE_SIZE)
    .bind((page - 1) * QUEUE_PAGE_SIZE)
    .fetch_all(pool)
    .await?;
    // The queue shows each company's contact person (name, e-mail): a staff read of personal data.
    // Contact persons are not necessarily accounts, so the row names no one.
    let detail = format!("{} companies, page {page}", rows.len());
    audit::record(
        pool,
        ctx.audit("company.list_pending", "company", None)
            .detail(&detail),
    )
    .await?;
    let calendar = reference::holiday_calendar(&ctx.state.db).await?;
    let items = rows
        .into_iter()
        .map(|row| review_of(row, &calendar))
        .collect();
    Ok(CompanyQueue {
        items,
        page,
        pages,
        total,
        search,
    })
}

/// The queue's filter: not yet decided, and the search (bound as $1, a LIKE pattern on the lower-case
/// name, and $2, the NIB as typed) when there is one. `companies_pending` (migration 0100) holds exactly
/// these rows in queue order.
const PENDING: &str = "WHERE c.verified = 0 AND c.rejection_reason IS NULL \
     AND ($1 = '' OR LOWER(c.name) LIKE $1 ESCAPE '\\' OR c.nib = $2)";

fn review_of(row: ReviewRow, calendar: &HolidayCalendar) -> CompanyReview {
    CompanyReview {
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
    }
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
