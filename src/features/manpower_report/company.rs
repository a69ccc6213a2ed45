//! What the company does: submits the manpower report of a report year (last year by default, or this
//! year: `events::check_report_year`), checked against that year's UMK, and declares a move, closing or
//! reopening. Counts that do not add up are refused; warnings hold the report back until the company
//! confirms them. A submitted version is locked: a correction is a new version that names the one it
//! replaces, which is kept (marked superseded).
use rand::{Rng, distr::Alphanumeric};

use crate::{
    core::{calendar, error::AppError},
    features::manpower_report::{
        events::{EventForm, check_report_year},
        model::{ReportForm, SubmitOutcome},
        repo::{self, NewReport},
        rules::warnings,
        views::umk_for,
    },
    server::{audit, authz::RequestCtx, error::internal},
};

/// Submits the report of `year` (none: the default report year), or a correction of its current version
/// `replaces`. With warnings and no `confirmed`, nothing is saved and the warnings come back.
pub async fn submit(
    ctx: &RequestCtx,
    form: ReportForm,
    year: Option<i64>,
    replaces: Option<i64>,
    confirmed: bool,
) -> Result<SubmitOutcome, AppError> {
    let company = ctx.require_company()?;
    let figures = form.check().map_err(AppError::Validation)?;
    let now = ctx.now_ms();
    let facts = repo::company(&ctx.state.db.pool, company.company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let known_since = calendar::wib_date(facts.created_at_ms);
    let year = check_report_year(year, calendar::wib_date(now), known_since)
        .map_err(|key| AppError::field("year", key))?;
    // The UMK of the report year, not of the day it is filed.
    let umk = umk_for(&ctx.state.db, year).await?;
    let found = warnings(&form, &figures, umk);
    if !found.is_empty() && !confirmed {
        return Ok(SubmitOutcome {
            saved: None,
            warnings: found,
        });
    }
    let mut tx = ctx.state.db.begin_write().await?;
    let current = repo::current(&mut *tx, company.company_id, i64::from(year)).await?;
    let version = match (replaces, current) {
        (None, None) => 1,
        (Some(id), Some(current)) if current.id == id => {
            if !repo::supersede(&mut *tx, id, company.company_id, now).await? {
                return Err(AppError::Conflict("manpower_err_already_corrected".into()));
            }
            current.version + 1
        }
        // A report exists already (submit a correction of it), or the one named was corrected first.
        _ => return Err(AppError::Conflict("manpower_err_already_corrected".into())),
    };
    let data_json = serde_json::to_string(&form).map_err(internal)?;
    let code: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect();
    let receipt_number = format!(
        "WLKP/{}/{year}/{:05}-{version}",
        crate::core::region::REGENCY.code,
        company.company_id
    );
    let report = NewReport {
        company_id: company.company_id,
        year: i64::from(year),
        version,
        reason: form.reason.trim(),
        data_json: &data_json,
        workforce_total: figures.total,
        lowest_wage_idr: figures.lowest_wage,
        disability: figures.disability,
        bpjs_enrolled: figures.bpjs_tk,
        warnings: &found.join("\n"),
        receipt_number: &receipt_number,
        verification_code: &code,
        submitted_by: company.account_id,
        now_ms: now,
    };
    let Some(id) = repo::insert(&mut *tx, &report).await? else {
        return Err(AppError::Conflict("manpower_err_already_corrected".into()));
    };
    audit::record(
        &mut *tx,
        ctx.audit("wlkp.submit", "manpower_report", Some(id.to_string()))
            .detail(if version > 1 { "correction" } else { "" }),
    )
    .await?;
    tx.commit().await?;
    Ok(SubmitOutcome {
        saved: Some(id),
        warnings: found,
    })
}

/// Declares a planned move or closing, or a reopening, and its date; the same kind again replaces the date.
pub async fn declare_event(ctx: &RequestCtx, form: EventForm) -> Result<(), AppError> {
    let company = ctx.require_company()?;
    let now = ctx.now_ms();
    let day = form
        .check(calendar::wib_date(now))
        .map_err(AppError::Validation)?;
    let kind = form.kind.trim();
    let mut tx = ctx.state.db.begin_write().await?;
    repo::declare_event(
        &mut *tx,
        company.company_id,
        kind,
        &calendar::format_date(day),
        company.account_id,
        now,
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "wlkp.event",
            "company",
            Some(company.company_id.to_string()),
        )
        .detail(kind),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
