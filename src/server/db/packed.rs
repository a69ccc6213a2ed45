//! Many rows read as one: a JSON array built by the database, for reads of hundreds of rows.
//!
//! sqlx runs each SQLite connection on a thread of its own and hands every row to the runtime through a
//! channel: a thread switch and a wake-up per row. The recommendations' two pools of 300 vacancies took
//! 5 and 8 ms that way on a signed-in page, for a statement that runs in 0.55 ms in `sqlite3`
//! (BENCHMARKS.md, "Signed-in pages"). One row holding the array crosses once; on PostgreSQL it also
//! saves the per-row conversion of the Any driver.
use serde::de::DeserializeOwned;

use super::{Backend, Db, SqlBuilder};
use crate::{core::error::AppError, server::error::internal};

impl Db {
    /// The rows of `sql`, whose result columns are named `columns`, read as one JSON array of objects
    /// and deserialized into `T` (integers, text and NULL come back as they were).
    ///
    /// Order: the array follows the rows of `sql` as the database hands them over, which both databases
    /// do for a sorted subquery in practice but do not promise; callers sort what they need sorted.
    pub async fn fetch_packed<T: DeserializeOwned>(
        &self,
        sql: &SqlBuilder,
        columns: &[&str],
    ) -> Result<Vec<T>, AppError> {
        let packed = SqlBuilder {
            sql: self.backend.packed_rows(&sql.sql, columns),
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

impl Backend {
    /// `SELECT <one JSON array of the rows of inner> FROM (inner) AS t`.
    fn packed_rows(self, inner: &str, columns: &[&str]) -> String {
        // Column names are written into the SQL: they come from the code, never from a request.
        assert!(
            columns
                .iter()
                .all(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')),
            "column names are identifiers"
        );
        let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', t.{c}")).collect();
        let pairs = pairs.join(", ");
        match self {
            Backend::Sqlite => format!(
                "SELECT COALESCE(json_group_array(json_object({pairs})), '[]') FROM ({inner}) AS t"
            ),
            Backend::Postgres => format!(
                "SELECT COALESCE(json_agg(json_build_object({pairs})), '[]')::text FROM ({inner}) AS t"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_are_wrapped_with_their_named_columns() {
        let sql = Backend::Sqlite.packed_rows("SELECT id, title FROM v", &["id", "title"]);
        assert_eq!(
            sql,
            "SELECT COALESCE(json_group_array(json_object('id', t.id, 'title', t.title)), '[]') \
             FROM (SELECT id, title FROM v) AS t"
        );
        let sql = Backend::Postgres.packed_rows("SELECT id FROM v", &["id"]);
        assert!(
            sql.starts_with("SELECT COALESCE(json_agg(json_build_object('id', t.id)), '[]')::text")
        );
    }

    #[test]
    #[should_panic(expected = "identifiers")]
    fn a_column_name_is_never_sql() {
        Backend::Sqlite.packed_rows("SELECT 1", &["id', 1) --"]);
    }
}
