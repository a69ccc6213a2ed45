//! Reads for the officer's figures: the statistics' breakdowns of active workers, the bills behind the
//! monthly levy figures, and the inputs of the local-talent check.
use sqlx::{Any, Executor};

use crate::server::db::SqlBuilder;

async fn counts(
    executor: impl Executor<'_, Database = Any>,
    sql: &str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(sql).fetch_all(executor).await
}

pub async fn active_workers(
    executor: impl Executor<'_, Database = Any>,
) -> Result<i64, sqlx::Error> {
    let (active,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM tka_workers WHERE status = 'active'")
            .fetch_one(executor)
            .await?;
    Ok(active)
}

/// Active workers by nationality, largest first.
pub async fn by_nationality(
    executor: impl Executor<'_, Database = Any>,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    counts(
        executor,
        "SELECT nationality, COUNT(*) FROM tka_workers WHERE status = 'active' GROUP BY nationality \
         ORDER BY COUNT(*) DESC, nationality",
    )
    .await
}

/// Active workers by their company's KBLI section, largest first.
pub async fn by_sector(
    executor: impl Executor<'_, Database = Any>,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    counts(
        executor,
        "SELECT s.code || ' ' || s.name_id, COUNT(*) FROM tka_workers w JOIN companies c ON c.id = w.company_id \
         JOIN kbli_sections s ON s.code = c.kbli_section WHERE w.status = 'active' GROUP BY s.code, s.name_id \
         ORDER BY COUNT(*) DESC, s.code",
    )
    .await
}

/// Active workers by district of work, largest first.
pub async fn by_district(
    executor: impl Executor<'_, Database = Any>,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    counts(
        executor,
        "SELECT r.name, COUNT(*) FROM tka_workers w JOIN regions r ON r.code = w.district_code \
         WHERE w.status = 'active' GROUP BY r.name ORDER BY COUNT(*) DESC, r.name",
    )
    .await
}

/// A live bill for the monthly figures: created, amount, status, decided.
pub type LevyRow = (i64, i64, String, Option<i64>);

pub async fn live_bills(
    executor: impl Executor<'_, Database = Any>,
) -> Result<Vec<LevyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT created_at_ms, amount_idr, status, decided_at_ms FROM dkptka_bills WHERE status <> 'cancelled'",
    )
    .fetch_all(executor)
    .await
}

/// The active positions of the RPTKAs of `companies`, for the officer's queue in one read: (company,
/// RPTKA, KBJI group, its name, position, the counterparts' average progress), ordered by company, RPTKA,
/// group and position.
pub async fn rptka_positions(
    executor: impl Executor<'_, Database = Any>,
    companies: &[i64],
) -> Result<Vec<(i64, String, String, String, String, i64)>, sqlx::Error> {
    if companies.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = SqlBuilder::new("");
    let ids: Vec<String> = companies.iter().map(|id| sql.int(*id)).collect();
    sql.sql = format!(
        "SELECT w.company_id, w.rptka_number, w.occupation_code, k.name_id, w.position, \
         CAST(ROUND(AVG(w.counterpart_progress)) AS BIGINT) \
         FROM tka_workers w JOIN kbji_groups k ON k.code = w.occupation_code WHERE w.company_id IN ({}) \
         AND w.status = 'active' GROUP BY w.company_id, w.rptka_number, w.occupation_code, k.name_id, w.position \
         ORDER BY w.company_id, w.rptka_number, w.occupation_code, w.position",
        ids.join(", ")
    );
    sql.query_as().fetch_all(executor).await
}

/// The vacancies of `companies` counted by KBJI group: (company, group, vacancies).
pub async fn company_vacancies(
    executor: impl Executor<'_, Database = Any>,
    companies: &[i64],
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    if companies.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = SqlBuilder::new("");
    let ids: Vec<String> = companies.iter().map(|id| sql.int(*id)).collect();
    sql.sql = format!(
        "SELECT company_id, occupation_code, COUNT(*) FROM vacancies WHERE company_id IN ({}) \
         AND occupation_code IS NOT NULL GROUP BY company_id, occupation_code",
        ids.join(", ")
    );
    sql.query_as().fetch_all(executor).await
}
