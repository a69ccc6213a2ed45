//! The home page's queries: three counts and one joined list (no N+1).
use sqlx::FromRow;

use crate::{
    core::{error::AppError, ids::VacancyId, money::Rupiah},
    features::home::model::{HomeSummary, LATEST_LIMIT, VacancyCard},
    server::db::Db,
};

#[derive(FromRow)]
struct CardRow {
    id: i64,
    title: String,
    company_name: String,
    district_name: String,
    wage_min_idr: i64,
    wage_max_idr: i64,
    deadline: String,
}

/// `today` is the WIB date `YYYY-MM-DD`: a vacancy is open until the end of its deadline day.
pub async fn summary(db: &Db, today: &str) -> Result<HomeSummary, AppError> {
    let (open_vacancies, open_positions, districts_with_vacancies): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(headcount), 0) AS BIGINT), COUNT(DISTINCT district_code) \
         FROM vacancies WHERE status = 'published' AND deadline >= $1",
    )
    .bind(today)
    .fetch_one(&db.pool)
    .await?;
    let (verified_companies,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM companies WHERE verified = 1")
            .fetch_one(&db.pool)
            .await?;
    let rows: Vec<CardRow> = sqlx::query_as(
        "SELECT v.id, v.title, c.name AS company_name, r.name AS district_name, v.wage_min_idr, v.wage_max_idr, v.deadline \
         FROM vacancies v JOIN companies c ON c.id = v.company_id JOIN regions r ON r.code = v.district_code \
         WHERE v.status = 'published' AND v.deadline >= $1 \
         ORDER BY v.created_at_ms DESC, v.id DESC LIMIT $2",
    )
    .bind(today)
    .bind(LATEST_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    let latest = rows
        .into_iter()
        .map(|row| VacancyCard {
            id: VacancyId(row.id),
            title: row.title,
            company_name: row.company_name,
            district_name: row.district_name,
            wage_min: Rupiah(row.wage_min_idr),
            wage_max: Rupiah(row.wage_max_idr),
            deadline: row.deadline,
        })
        .collect();
    Ok(HomeSummary {
        open_vacancies,
        open_positions,
        verified_companies,
        districts_with_vacancies,
        latest,
    })
}
