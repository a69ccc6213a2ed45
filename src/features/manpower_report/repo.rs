//! The manpower-report tables: submitted versions (never updated but to mark one superseded), the company
//! facts the form shows, and the UMK. Functions take an executor; the caller owns the transaction.
use sqlx::{Any, Executor, FromRow};

use crate::server::db::SqlBuilder;

#[derive(Clone, FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub year: i64,
    pub version: i64,
    pub reason: String,
    pub data_json: String,
    pub workforce_total: i64,
    pub warnings: String,
    pub receipt_number: String,
    pub verification_code: String,
    pub submitted_at_ms: i64,
    pub superseded_at_ms: Option<i64>,
}

const REPORT_COLUMNS: &str = "r.id, r.company_id, c.name AS company_name, r.year, r.version, r.reason, r.data_json, \
    r.workforce_total, r.warnings, r.receipt_number, r.verification_code, r.submitted_at_ms, r.superseded_at_ms \
    FROM manpower_reports r JOIN companies c ON c.id = r.company_id";

/// Every version of the company's reports, newest first.
pub async fn versions(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REPORT_COLUMNS} WHERE r.company_id = $1 ORDER BY r.year DESC, r.version DESC"
    ))
    .bind(company_id)
    .fetch_all(executor)
    .await
}

/// One version, if it is the company's.
pub async fn by_id(
    executor: impl Executor<'_, Database = Any>,
    id: i64,
    company_id: Option<i64>,
) -> Result<Option<ReportRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REPORT_COLUMNS} WHERE r.id = $1 AND ($2 = 0 OR r.company_id = $2)"
    ))
    .bind(id)
    .bind(company_id.unwrap_or(0))
    .fetch_optional(executor)
    .await
}

pub async fn by_code(
    executor: impl Executor<'_, Database = Any>,
    code: &str,
) -> Result<Option<ReportRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REPORT_COLUMNS} WHERE r.verification_code = $1"
    ))
    .bind(code)
    .fetch_optional(executor)
    .await
}

/// The current (not superseded) version of a year's report.
pub async fn current(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    year: i64,
) -> Result<Option<ReportRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REPORT_COLUMNS} WHERE r.company_id = $1 AND r.year = $2 AND r.superseded_at_ms IS NULL"
    ))
    .bind(company_id)
    .bind(year)
    .fetch_optional(executor)
    .await
}

/// Marks the current version `id` superseded; false when it is not the company's current version (someone
/// corrected it first).
pub async fn supersede(
    executor: impl Executor<'_, Database = Any>,
    id: i64,
    company_id: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE manpower_reports SET superseded_at_ms = $1 WHERE id = $2 AND company_id = $3 AND superseded_at_ms IS NULL",
    )
    .bind(now_ms)
    .bind(id)
    .bind(company_id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NewReport<'a> {
    pub company_id: i64,
    pub year: i64,
    pub version: i64,
    pub reason: &'a str,
    pub data_json: &'a str,
    pub workforce_total: i64,
    pub lowest_wage_idr: i64,
    pub disability: i64,
    pub bpjs_enrolled: i64,
    pub warnings: &'a str,
    pub receipt_number: &'a str,
    pub verification_code: &'a str,
    pub submitted_by: i64,
    pub now_ms: i64,
}

/// Inserts a version; `None` when that version number exists already (a concurrent submission won).
pub async fn insert(
    executor: impl Executor<'_, Database = Any>,
    r: &NewReport<'_>,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO manpower_reports (company_id, year, version, reason, data_json, workforce_total, lowest_wage_idr, \
         disability, bpjs_enrolled, warnings, receipt_number, verification_code, submitted_by, submitted_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         ON CONFLICT (company_id, year, version) DO NOTHING RETURNING id",
    )
    .bind(r.company_id)
    .bind(r.year)
    .bind(r.version)
    .bind(r.reason)
    .bind(r.data_json)
    .bind(r.workforce_total)
    .bind(r.lowest_wage_idr)
    .bind(r.disability)
    .bind(r.bpjs_enrolled)
    .bind(r.warnings)
    .bind(r.receipt_number)
    .bind(r.verification_code)
    .bind(r.submitted_by)
    .bind(r.now_ms)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|(id,)| id))
}

#[derive(FromRow)]
pub struct CompanyFacts {
    pub name: String,
    pub nib: String,
    pub kbli: String,
    pub address: String,
    pub created_at_ms: i64,
}

pub async fn company(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<Option<CompanyFacts>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, nib, kbli_section || COALESCE(' / ' || kbli_division, '') AS kbli, address, created_at_ms \
         FROM companies WHERE id = $1",
    )
    .bind(company_id)
    .fetch_optional(executor)
    .await
}

/// The UMK of the regency by year (as PKWT reads it).
pub async fn minimum_wages(
    executor: impl Executor<'_, Database = Any>,
) -> Result<Vec<(i32, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT year, amount_idr FROM minimum_wages WHERE region_code = $1 AND sector_code IS NULL ORDER BY year",
    )
    .bind(crate::core::region::REGENCY.dotted)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(year, amount)| Some((i32::try_from(year).ok()?, amount)))
        .collect())
}

/// The workforce total of the company's latest current report (C4).
pub async fn latest_workforce(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT workforce_total FROM manpower_reports WHERE company_id = $1 AND superseded_at_ms IS NULL \
         ORDER BY year DESC, version DESC LIMIT 1",
    )
    .bind(company_id)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|(n,)| n))
}

/// Which companies' due dates are read: every company (or only the verified ones, for the reminders), or
/// the listed ones (one company's page, a page of the compliance list).
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    All { verified_only: bool },
    These(&'a [i64]),
}

impl Scope<'_> {
    /// `WHERE` of `column` for this scope, its values bound in `sql` (`TRUE` for every company).
    fn condition(self, sql: &mut SqlBuilder, column: &str) -> String {
        match self {
            Scope::All { .. } => "1 = 1".to_owned(),
            Scope::These([]) => "1 = 0".to_owned(),
            Scope::These(ids) => {
                let ids: Vec<String> = ids.iter().map(|id| sql.int(*id)).collect();
                format!("{column} IN ({})", ids.join(", "))
            }
        }
    }
}

/// The companies in `scope` with the instant each became known to the office, by id.
pub async fn companies_known(
    executor: impl Executor<'_, Database = Any>,
    scope: Scope<'_>,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let mut sql = SqlBuilder::new("");
    let condition = scope.condition(&mut sql, "id");
    let verified = if matches!(
        scope,
        Scope::All {
            verified_only: true
        }
    ) {
        " AND verified = 1"
    } else {
        ""
    };
    sql.sql =
        format!("SELECT id, created_at_ms FROM companies WHERE {condition}{verified} ORDER BY id");
    sql.query_as().fetch_all(executor).await
}

/// A filed version as the due dates read it.
#[derive(FromRow)]
pub struct FiledVersion {
    pub company_id: i64,
    pub year: i64,
    pub reason: String,
    pub submitted_at_ms: i64,
}

/// Every filed version (corrected ones too) of the companies in `scope`.
pub async fn filed_versions(
    executor: impl Executor<'_, Database = Any>,
    scope: Scope<'_>,
) -> Result<Vec<FiledVersion>, sqlx::Error> {
    let mut sql = SqlBuilder::new("");
    let condition = scope.condition(&mut sql, "company_id");
    sql.sql = format!(
        "SELECT company_id, year, reason, submitted_at_ms FROM manpower_reports WHERE {condition} \
         ORDER BY company_id, submitted_at_ms"
    );
    sql.query_as().fetch_all(executor).await
}

/// A declared move, closing or reopening.
#[derive(FromRow)]
pub struct EventRow {
    pub company_id: i64,
    pub kind: String,
    pub event_date: String,
}

pub async fn events(
    executor: impl Executor<'_, Database = Any>,
    scope: Scope<'_>,
) -> Result<Vec<EventRow>, sqlx::Error> {
    let mut sql = SqlBuilder::new("");
    let condition = scope.condition(&mut sql, "company_id");
    sql.sql = format!(
        "SELECT company_id, kind, event_date FROM manpower_events WHERE {condition} \
         ORDER BY company_id, event_date"
    );
    sql.query_as().fetch_all(executor).await
}

/// Declares an event; the same kind declared again replaces its date.
pub async fn declare_event(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    kind: &str,
    event_date: &str,
    declared_by: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO manpower_events (company_id, kind, event_date, declared_by, declared_at_ms) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (company_id, kind) DO UPDATE SET event_date = excluded.event_date, \
         declared_by = excluded.declared_by, declared_at_ms = excluded.declared_at_ms",
    )
    .bind(company_id)
    .bind(kind)
    .bind(event_date)
    .bind(declared_by)
    .bind(now_ms)
    .execute(executor)
    .await?;
    Ok(())
}
