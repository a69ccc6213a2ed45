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

/// The general minimum wage (UMK) of a regency in force in `year`: that year's, or while the office has not
/// yet entered it (the governor's decree for a year can come late), the latest before it, with the year it
/// was set for. `None` when the office never entered one.
pub async fn minimum_wage(
    db: &Db,
    region_code: &str,
    year: i32,
) -> Result<Option<(Rupiah, i32)>, sqlx::Error> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT amount_idr, year FROM minimum_wages WHERE region_code = $1 AND year <= $2 \
         AND sector_code IS NULL ORDER BY year DESC LIMIT 1",
    )
    .bind(region_code)
    .bind(i64::from(year))
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(amount, set_for)| (Rupiah(amount), i32::try_from(set_for).unwrap_or(year))))
}
