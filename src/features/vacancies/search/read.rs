//! What a read of a text search's matches returns, and the statement that reads them newest first (one
//! statement on SQLite, several parts on PostgreSQL: `search::postgres`).
use sqlx::FromRow;

use crate::server::db::SqlBuilder;

/// One match of a text search, with what the three orders sort by. The texts are read only to rank
/// (`relevance`), and dropped once scored.
#[derive(FromRow)]
pub(super) struct Candidate {
    pub(super) id: i64,
    pub(super) published_at_ms: i64,
    pub(super) wage_max_idr: i64,
    #[sqlx(default)]
    pub(super) title: String,
    #[sqlx(default)]
    pub(super) skills: String,
    #[sqlx(default)]
    pub(super) description: String,
    #[sqlx(skip)]
    pub(super) score: f64,
}

/// The statement that reads matches newest first: the query's conditions (bound in `base`) and, for
/// PostgreSQL's reads in parts, a range of ids.
pub(super) struct MatchRead<'a> {
    pub(super) base: SqlBuilder,
    pub(super) texts: &'static str,
    pub(super) from: &'a str,
    pub(super) filter: &'a str,
    pub(super) newest: &'a str,
}

impl MatchRead<'_> {
    /// The newest `limit` matches with an id under `below` and at least `lowest`, where given.
    pub(super) fn statement(
        &self,
        below: Option<i64>,
        lowest: Option<i64>,
        limit: i64,
    ) -> SqlBuilder {
        let mut sql = self.base.clone();
        let mut ids = String::new();
        if let Some(id) = below {
            ids.push_str(&format!(" AND v.id < {}", sql.int(id)));
        }
        if let Some(id) = lowest {
            ids.push_str(&format!(" AND v.id >= {}", sql.int(id)));
        }
        let limit = sql.int(limit);
        sql.sql = format!(
            "SELECT v.id, COALESCE(v.published_at_ms, v.created_at_ms) AS published_at_ms, v.wage_max_idr{} \
             FROM {}{}{ids} ORDER BY {} LIMIT {limit}",
            self.texts, self.from, self.filter, self.newest
        );
        sql
    }
}
