//! The officer's statistics reads: counts by category, status and outcome, and the finished clocks.
use sqlx::{Any, Executor};

/// (label, count) by one of the fixed columns.
pub async fn counts<'c, E: Executor<'c, Database = Any>>(
    db: E,
    column: Column,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let name = match column {
        Column::Category => "category",
        Column::Status => "status",
        Column::Outcome => "outcome",
    };
    sqlx::query_as(&format!(
        "SELECT {name}, COUNT(*) FROM complaints WHERE {name} IS NOT NULL GROUP BY {name} ORDER BY COUNT(*) DESC, {name}"
    ))
    .fetch_all(db)
    .await
}

#[derive(Clone, Copy, Debug)]
pub enum Column {
    Category,
    Status,
    Outcome,
}

/// Finished clocks: (step, started_on, due_on, done_on).
pub async fn finished_clocks<'c, E: Executor<'c, Database = Any>>(
    db: E,
) -> Result<Vec<(String, String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT step, started_on, due_on, done_on FROM complaint_clocks WHERE done_on IS NOT NULL ORDER BY id DESC LIMIT 5000",
    )
    .fetch_all(db)
    .await
}
