//! The IKM figures: the officers' report per service and month, and the public yearly figure.
use std::collections::BTreeMap;

use crate::{
    core::{calendar, error::AppError},
    features::survey::{
        model::{IkmReport, IkmRow, Tally},
        repo,
    },
    server::{authz::RequestCtx, db::Db},
};

const WIB_OFFSET_MS: i64 = 7 * 3_600_000;

/// The first instant of a WIB year, as epoch milliseconds.
fn year_start_ms(year: i32) -> i64 {
    time::Date::from_calendar_date(year, time::Month::January, 1)
        .map(|d| d.midnight().assume_utc().unix_timestamp() * 1000 - WIB_OFFSET_MS)
        .unwrap_or(0)
}

/// A year the report may ask for (the portal's years, not arbitrary numbers).
fn checked_year(year: i32) -> Result<i32, AppError> {
    if (2020..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(AppError::field("year", "err_validation"))
    }
}

/// Every answer of a year, counted per service and month, per service, and in all.
pub async fn report(db: &Db, year: i32) -> Result<IkmReport, AppError> {
    let year = checked_year(year)?;
    let rows = repo::answers(&db.pool, year_start_ms(year), year_start_ms(year + 1)).await?;
    let mut monthly: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut yearly: BTreeMap<String, Tally> = BTreeMap::new();
    let mut overall = Tally::default();
    for row in &rows {
        let date = calendar::wib_date(row.answered_at_ms);
        let month = format!("{:04}-{:02}", date.year(), u8::from(date.month()));
        let scores = row.scores();
        monthly
            .entry((row.service_key.clone(), month))
            .or_default()
            .add(scores);
        yearly
            .entry(row.service_key.clone())
            .or_default()
            .add(scores);
        overall.add(scores);
    }
    let names: BTreeMap<String, (String, String)> = repo::request_type_names(&db.pool)
        .await?
        .into_iter()
        .map(|(key, id, en)| (key, (id, en)))
        .collect();
    let as_row = |service_key: String, period: String, tally: Tally| {
        tally.ikm().map(|ikm| IkmRow {
            name: names.get(&service_key).cloned().unwrap_or_default(),
            service_key,
            period,
            ikm,
        })
    };
    Ok(IkmReport {
        year,
        monthly: monthly
            .into_iter()
            .filter_map(|((service, month), tally)| as_row(service, month, tally))
            .collect(),
        yearly: yearly
            .into_iter()
            .filter_map(|(service, tally)| as_row(service, year.to_string(), tally))
            .collect(),
        overall: overall.ikm(),
    })
}

/// The officers' report (staff only).
pub async fn officer_report(ctx: &RequestCtx, year: i32) -> Result<IkmReport, AppError> {
    ctx.require_staff()?;
    report(&ctx.state.db, year).await
}

/// The public figure: the same year per service and in all, without the monthly rows.
pub async fn public_figure(db: &Db, year: i32) -> Result<IkmReport, AppError> {
    let mut report = report(db, year).await?;
    report.monthly.clear();
    Ok(report)
}

/// This WIB year.
pub fn this_year(now_ms: i64) -> i32 {
    calendar::wib_date(now_ms).year()
}
