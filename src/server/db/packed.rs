//! Many rows read as one: a JSON array built by the database, for reads of hundreds of rows.
//!
//! sqlx runs each SQLite connection on a thread of its own and hands every row to the runtime through a
//! channel: a thread switch and a wake-up per row. The recommendations' two pools of 300 vacancies took
//! 5 and 8 ms that way on a signed-in page, for a statement that runs in 0.55 ms in `sqlite3`
//! (BENCHMARKS.md, "rows across threads"). One row holding the array crosses once.
//!
//! PostgreSQL's rows come over a socket in the same task, without that cost; building and parsing the
//! JSON made `/akun/lamaran` 14% slower there (169 → 145 req/s), so PostgreSQL reads the rows as they are.
use serde::de::DeserializeOwned;
use sqlx::{FromRow, any::AnyRow};

use super::{Backend, Db, SqlBuilder};
use crate::{core::error::AppError, server::error::internal};

impl Db {
    /// The rows of `sql`, whose result columns are named `columns`: on SQLite read as one JSON array of
    /// objects and deserialized into `T` (integers, text and NULL come back as they were), on PostgreSQL
    /// read as rows.
    ///
    /// Order: SQLite's array follows the rows of the subquery as it hands them over, which it does for a
    /// sorted subquery in practice but does not promise; callers sort what they need sorted.
    pub async fn fetch_packed<T>(
        &self,
        sql: &SqlBuilder,
        columns: &[&str],
    ) -> Result<Vec<T>, AppError>
    where
        T: DeserializeOwned + for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        if self.backend == Backend::Postgres {
            return Ok(sql.query_as().fetch_all(&self.pool).await?);
        }
        let packed = SqlBuilder {
            sql: packed_rows(&sql.sql, columns)?,
            binds: sql.binds.clone(),
        };
        let (json,): (String,) = packed.query_as().fetch_one(&self.pool).await?;
        // Where, not what: serde's message quotes the value, which may be someone's profile text.
        serde_json::from_str(&json).map_err(|error| {
            internal(format_args!(
                "packed rows do not fit their type at line {} column {}",
                error.line(),
                error.column()
            ))
        })
    }
}

/// `SELECT <one JSON array of the rows of inner> FROM (inner) AS t`, in SQLite's JSON functions.
/// Column names are written into the SQL: they come from the code, never from a request, and anything
/// but an identifier is refused (an internal error, not a panic in the request).
fn packed_rows(inner: &str, columns: &[&str]) -> Result<String, AppError> {
    let identifier =
        |c: &&str| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if let Some(bad) = columns.iter().find(|c| !identifier(c)) {
        return Err(internal(format_args!(
            "packed rows: {bad:?} is not a column name"
        )));
    }
    let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', t.{c}")).collect();
    Ok(format!(
        "SELECT COALESCE(json_group_array(json_object({})), '[]') FROM ({inner}) AS t",
        pairs.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_are_wrapped_with_their_named_columns() {
        assert_eq!(
            packed_rows("SELECT id, title FROM v", &["id", "title"]).expect("identifiers"),
            "SELECT COALESCE(json_group_array(json_object('id', t.id, 'title', t.title)), '[]') \
             FROM (SELECT id, title FROM v) AS t"
        );
    }

    #[test]
    fn a_column_name_is_never_sql() {
        for bad in ["id', 1) --", "", "t.id"] {
            assert!(matches!(
                packed_rows("SELECT 1", &["id", bad]),
                Err(AppError::Internal { .. })
            ));
        }
    }
}
