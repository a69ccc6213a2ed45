//! Screen data of the manpower report: the company's page (the pre-filled or current form, what changed
//! from last year, the facts the portal knows, the versions and the due date) and the public verification.
use time::{Date, Month};

use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
        money::Rupiah,
        text::format_wib,
    },
    features::manpower_report::{
        dues::company_dues,
        events::{DeclaredEvent, DueView, check_report_year, report_years, trigger_name},
        model::{CompanyReport, KnownFact, ReportForm, ReportVerification, ReportVersion},
        prefill::prefill,
        repo::{self, ReportRow, Scope},
    },
    server::{authz::RequestCtx, db::Db},
};

pub fn version_view(row: &ReportRow) -> ReportVersion {
    ReportVersion {
        id: row.id,
        year: row.year,
        version: row.version,
        reason: row.reason.clone(),
        submitted_at: format_wib(row.submitted_at_ms),
        superseded: row.superseded_at_ms.is_some(),
        receipt_number: row.receipt_number.clone(),
        verification_code: row.verification_code.clone(),
        workforce_total: row.workforce_total,
        warnings: row
            .warnings
            .split('\n')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect(),
    }
}

pub fn form_of(row: &ReportRow) -> ReportForm {
    serde_json::from_str(&row.data_json).unwrap_or_default()
}

/// The company's report page for `year` (none: the default report year).
pub async fn company_view(ctx: &RequestCtx, year: Option<i64>) -> Result<CompanyReport, AppError> {
    let company_id = ctx.require_company()?.company_id;
    let mut conn = ctx.state.db.pool.acquire().await?;
    let facts = repo::company(&mut *conn, company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = calendar::wib_date(ctx.now_ms());
    let year = check_report_year(year, today, calendar::wib_date(facts.created_at_ms))
        .map_err(|key| AppError::field("year", key))?;
    let rows = repo::versions(&mut *conn, company_id).await?;
    let current_of = |y: i64| {
        rows.iter()
            .find(|r| r.year == y && r.superseded_at_ms.is_none())
    };
    let last_year = current_of(i64::from(year) - 1).map(form_of);
    let current = current_of(i64::from(year));
    let (form, mut known) = match current {
        Some(row) => (form_of(row), Vec::new()),
        None => {
            prefill(
                &mut conn,
                company_id,
                as_of(today, year),
                &facts.address,
                last_year.as_ref(),
            )
            .await?
        }
    };
    let umk = umk_for(&ctx.state.db, year).await?;
    known.push(KnownFact {
        label_key: "manpower_known_umk".into(),
        value: umk.map_or_else(|| "-".into(), |(y, a)| format!("{} ({y})", Rupiah(a))),
    });
    let dues = company_dues(&mut conn, today, Scope::These(&[company_id])).await?;
    let dues = dues.first().map(|d| d.dues.clone()).unwrap_or_default();
    let due = dues.first().map_or(today, |(_, due)| *due);
    let events = repo::events(&mut *conn, Scope::These(&[company_id])).await?;
    Ok(CompanyReport {
        company_name: facts.name,
        nib: facts.nib,
        kbli: facts.kbli,
        year: i64::from(year),
        years: report_years(today).map(i64::from).to_vec(),
        changed: last_year
            .as_ref()
            .map(|last| form.changed_from(last))
            .unwrap_or_default(),
        form,
        known,
        current_id: current.map(|r| r.id),
        versions: rows.iter().map(version_view).collect(),
        due_date: format_date(due),
        overdue: today > due,
        events: events
            .into_iter()
            .map(|e| DeclaredEvent {
                kind: e.kind,
                date: e.event_date,
            })
            .collect(),
        dues: dues
            .into_iter()
            .map(|(trigger, due)| DueView {
                trigger: trigger_name(trigger).to_owned(),
                due_date: format_date(due),
                overdue: today > due,
            })
            .collect(),
    })
}

/// The day the pre-fill counts contracts in force on: today, or the last day of a past report year.
fn as_of(today: Date, year: i32) -> Date {
    if year < today.year() {
        Date::from_calendar_date(year, Month::December, 31).unwrap_or(today)
    } else {
        today
    }
}

/// The UMK that applies in `year`, read as PKWT reads it.
pub async fn umk_for(db: &Db, year: i32) -> Result<Option<(i32, i64)>, AppError> {
    let wages = repo::minimum_wages(&db.pool).await?;
    Ok(crate::features::pkwt::rules::minimum_wage_for(&wages, year))
}

/// The public check behind a receipt's QR code: no figures but the total.
pub async fn verify(db: &Db, code: &str) -> Result<ReportVerification, AppError> {
    let code = code.trim();
    if code.is_empty() || code.len() > 64 {
        return Err(AppError::NotFound);
    }
    let row = repo::by_code(&db.pool, code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ReportVerification {
        receipt_number: row.receipt_number,
        company_name: row.company_name,
        year: row.year,
        version: row.version,
        submitted_on: format_date(calendar::wib_date(row.submitted_at_ms)),
        workforce_total: row.workforce_total,
        superseded: row.superseded_at_ms.is_some(),
    })
}
