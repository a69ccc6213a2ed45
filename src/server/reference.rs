//! Reference data every feature reads: the holiday calendar and the minimum wage.
use crate::{
    core::{
        calendar::{HolidayCalendar, parse_date},
        money::Rupiah,
    },
    server::db::Db,
};

/// The working-day calendar from the `holidays` table (national holidays and joint leave).
pub async fn holiday_calendar(db: &Db) -> Result<HolidayCalendar, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT date FROM holidays ORDER BY date")
        .fetch_all(&db.pool)
        .await?;
    Ok(HolidayCalendar::new(
        rows.iter().filter_map(|(date,)| parse_date(date)),
    ))
}

/// The general minimum wage (UMK) of a regency for a year, if the office has entered it.
pub async fn minimum_wage(
    db: &Db,
    region_code: &str,
    year: i32,
) -> Result<Option<Rupiah>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT amount_idr FROM minimum_wages WHERE region_code = $1 AND year = $2 AND sector_code IS NULL",
    )
    .bind(region_code)
    .bind(i64::from(year))
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(amount,)| Rupiah(amount)))
}
