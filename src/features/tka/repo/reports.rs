//! Reads for the officer's figures: the statistics' breakdowns of active workers, the bills behind the
//! monthly levy figures, and the inputs of the local-talent check.
use sqlx::{Any, Executor};

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

/// The active positions of one RPTKA: KBJI code and name, position title, average counterpart progress.
pub async fn rptka_positions(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    rptka: &str,
) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT w.occupation_code, k.name_id, w.position, CAST(ROUND(AVG(w.counterpart_progress)) AS BIGINT) \
         FROM tka_workers w JOIN kbji_groups k ON k.code = w.occupation_code WHERE w.company_id = $1 \
         AND w.rptka_number = $2 AND w.status = 'active' GROUP BY w.occupation_code, k.name_id, w.position \
         ORDER BY w.occupation_code, w.position",
    )
    .bind(company_id)
    .bind(rptka)
    .fetch_all(executor)
    .await
}

/// The company's vacancies in one KBJI group.
pub async fn company_vacancies(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    occupation_code: &str,
) -> Result<i64, sqlx::Error> {
    let (vacancies,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM vacancies WHERE company_id = $1 AND occupation_code = $2",
    )
    .bind(company_id)
    .bind(occupation_code)
    .fetch_one(executor)
    .await?;
    Ok(vacancies)
}
