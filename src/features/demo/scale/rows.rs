//! Multi-row INSERTs in batches, shared by the company, vacancy and seeker generators.
use indicatif::ProgressBar;

use crate::{
    features::demo::seed::SeedError,
    server::db::{Bind, Db, SqlBuilder},
};

pub const DAY_MS: i64 = 86_400_000;
/// Rows per INSERT statement (well under both backends' parameter limits).
const BATCH: usize = 400;

/// Inserts `rows` into `table (columns)` in batches; each row's values in column order.
pub async fn insert_rows(
    db: &Db,
    table: &str,
    columns: &str,
    rows: Vec<Vec<Bind>>,
    returning: Option<&str>,
    progress: &ProgressBar,
) -> Result<Vec<(i64, String)>, SeedError> {
    let mut returned = Vec::new();
    let mut tx = db.begin_write().await?;
    for chunk in rows.chunks(BATCH) {
        let mut sql = SqlBuilder::new("");
        let mut values = Vec::with_capacity(chunk.len());
        for row in chunk {
            let placeholders: Vec<String> =
                row.iter().map(|value| sql.bind(value.clone())).collect();
            values.push(format!("({})", placeholders.join(", ")));
        }
        sql.sql = format!(
            "INSERT INTO {table} ({columns}) VALUES {}",
            values.join(", ")
        );
        match returning {
            Some(columns) => {
                sql.sql.push_str(&format!(" RETURNING {columns}"));
                returned.extend(sql.query_as::<(i64, String)>().fetch_all(&mut *tx).await?);
            }
            None => {
                sql.query().execute(&mut *tx).await?;
            }
        }
        progress.inc(chunk.len() as u64);
    }
    tx.commit().await?;
    Ok(returned)
}

pub fn text(value: impl Into<String>) -> Bind {
    Bind::Text(value.into())
}
