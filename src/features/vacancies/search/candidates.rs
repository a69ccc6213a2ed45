//! The newest matches of a text search (words and filter terms through the full-text index), with what
//! the three orders sort by, and on PostgreSQL the plan each read is allowed.
use sqlx::FromRow;

use crate::{
    core::error::AppError,
    features::vacancies::{query::COUNT_CAP, relevance},
    server::db::{Backend, Db, FullText, SqlBuilder},
};

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

/// The newest `COUNT_CAP + 1` matches of words and filters by report order (the full-text index hands them
/// out newest first and stops there; `conditions` wrote the WHERE clause). This is the bound that keeps a
/// broad word fast at a million vacancies: "operator" matches 150,000, and ranking all of them took 570 ms on
/// SQLite. A search never lists more than COUNT_CAP results ("1000+"), so what is shown is the best,
/// newest-published or best-paid of the newest thousand matches; narrower words or a filter reach older ones.
/// "Newest" is by report order here: a vacancy published late after review, with more than a thousand matches
/// reported after it, is left out of a broad search's list (found with a narrower one). With `rank_words`,
/// each match is scored for the relevance order.
pub(super) async fn newest_matches(
    db: &Db,
    mut sql: SqlBuilder,
    filter: &str,
    text: &FullText,
    rank_words: Option<&[String]>,
) -> Result<Vec<Candidate>, AppError> {
    let cap = sql.int(COUNT_CAP + 1);
    let texts = if rank_words.is_some() {
        ", v.title, v.skills, v.description"
    } else {
        ""
    };
    sql.sql = format!(
        "SELECT v.id, COALESCE(v.published_at_ms, v.created_at_ms) AS published_at_ms, v.wage_max_idr{texts} \
         FROM {}{filter} ORDER BY {} LIMIT {cap}",
        text.from, text.newest
    );
    let mut matches: Vec<Candidate> = if db.backend != Backend::Postgres {
        sql.query_as().fetch_all(&db.pool).await?
    } else {
        match planned_with(db, &sql, WALK_BUDGET).await {
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some(QUERY_CANCELED) => {
                planned_with(db, &sql, FROM_THE_BITMAP).await?
            }
            read => read?,
        }
    };
    if let Some(words) = rank_words {
        for m in &mut matches {
            m.score = relevance::score(words, &m.title, &m.skills, &m.description);
            (m.title, m.skills, m.description) = Default::default();
        }
    }
    Ok(matches)
}

/// PostgreSQL first walks the vacancies newest first (an index, never a bitmap, a table scan or a sort), the
/// fast way through many matches: the thousand newest of "operator mesin" in occupation group 8 lie in the
/// newest 14,000 rows (10 ms). The planner would not take that walk there: it believes word and filter
/// independent and expects 700 matches of the 75,000 (a bitmap of all of them: 430 ms). Where they rarely
/// meet the walk tests row after row ("programmer" with education up to SMK never meet: every row, 4.9 s), so
/// it gets this long; past it the matches come from the GIN index's bitmap, which holds only rows that match
/// (15 ms for that search), sorted newest first; the pool's 32 MB of work memory (`Db::connect_lazy`) keeps
/// such a bitmap exact, so no row is rechecked. Both plan for the words and terms at hand (a statement
/// prepared on a pooled connection would otherwise get one generic plan after five runs) and without JIT: the
/// walk's cost estimate is over its threshold, and compiling took 7-9 ms of every walk and timed some out.
const WALK_BUDGET: &[(&str, &str)] = &[
    ("plan_cache_mode", "force_custom_plan"),
    ("jit", "off"),
    ("enable_bitmapscan", "off"),
    ("enable_seqscan", "off"),
    ("enable_sort", "off"),
    ("max_parallel_workers_per_gather", "0"),
    ("statement_timeout", "40"),
];
const FROM_THE_BITMAP: &[(&str, &str)] = &[
    ("plan_cache_mode", "force_custom_plan"),
    ("jit", "off"),
    ("enable_indexscan", "off"),
    ("enable_seqscan", "off"),
];
/// PostgreSQL's code for a statement cancelled by `statement_timeout`.
const QUERY_CANCELED: &str = "57014";

/// The statement under planner settings that last for its transaction only.
async fn planned_with(
    db: &Db,
    sql: &SqlBuilder,
    settings: &'static [(&'static str, &'static str)],
) -> Result<Vec<Candidate>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    // One round trip: `set_config(…, true)` is `SET LOCAL`.
    let settings: Vec<String> = settings
        .iter()
        .map(|(name, value)| format!("set_config('{name}', '{value}', true)"))
        .collect();
    sqlx::query(&format!("SELECT {}", settings.join(", ")))
        .execute(&mut *tx)
        .await?;
    let rows = sql.query_as().fetch_all(&mut *tx).await?;
    tx.commit().await?;
    Ok(rows)
}
