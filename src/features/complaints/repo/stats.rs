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

/// (label, count) of every case by its registered company's district or KBLI section name; "" for a case
/// about a company typed in by hand (or one without a district on record).
pub async fn by_company<'c, E: Executor<'c, Database = Any>>(
    db: E,
    dimension: Dimension,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let (join, label) = match dimension {
        Dimension::District => ("LEFT JOIN regions d ON d.code = co.district_code", "d.name"),
        Dimension::Sector => (
            "LEFT JOIN kbli_sections d ON d.code = co.kbli_section",
            "d.name_id",
        ),
    };
    sqlx::query_as(&format!(
        "SELECT COALESCE({label}, '') AS label, COUNT(*) AS n FROM complaints c \
         LEFT JOIN companies co ON co.id = c.company_id {join} \
         GROUP BY COALESCE({label}, '') ORDER BY COUNT(*) DESC, COALESCE({label}, '') LIMIT 100"
    ))
    .fetch_all(db)
    .await
}

#[derive(Clone, Copy, Debug)]
pub enum Dimension {
    District,
    Sector,
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
