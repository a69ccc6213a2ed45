//! PostgreSQL's way to the newest matches of a text search: which plan each read may take, within which
//! time, and where the next read picks up. The planner alone would choose badly at a million vacancies:
//! it believes words and filters independent.
use futures_util::TryStreamExt;
use sqlx::FromRow;

use super::read::{Candidate, MatchRead};
use crate::{
    core::error::AppError,
    features::vacancies::query::COUNT_CAP,
    server::db::{Db, SqlBuilder},
};

/// The walk: the vacancies newest first (an index, never a bitmap, a table scan or a sort), the fast way
/// through many matches: the thousand newest of "operator mesin" in occupation group 8 lie in the newest
/// 14,000 rows (10 ms). The planner would not take that walk there: it expects 700 matches of the 75,000
/// (a bitmap of all of them: 430 ms). Where they rarely meet the walk tests row after row ("programmer"
/// with education up to SMK never meet: every row, 4.9 s), so it gets this long. Custom plans: a statement
/// prepared on a pooled connection would otherwise get one generic plan after five runs. No JIT: the walk's
/// cost estimate is over its threshold, and compiling took 7-9 ms of every walk and timed some out.
const WALK_BUDGET: &[(&str, &str)] = &[
    ("plan_cache_mode", "force_custom_plan"),
    ("jit", "off"),
    ("enable_bitmapscan", "off"),
    ("enable_seqscan", "off"),
    ("enable_sort", "off"),
    ("max_parallel_workers_per_gather", "0"),
    ("statement_timeout", "40"),
];
/// After the walk: the GIN index's bitmap, which holds only rows that match, sorted newest first. The pool's
/// 32 MB of work memory (`Db::connect_lazy`) keeps such a bitmap exact, so no row is rechecked. With a range
/// of ids the bitmap is intersected with the primary key's first, and only the range's rows are read.
const FROM_THE_BITMAP: &[(&str, &str)] = &[
    ("plan_cache_mode", "force_custom_plan"),
    ("jit", "off"),
    ("enable_indexscan", "off"),
    ("enable_seqscan", "off"),
];
/// PostgreSQL's code for a statement cancelled by `statement_timeout`.
const QUERY_CANCELED: &str = "57014";

/// The newest `COUNT_CAP + 1` matches: the walk, then from the bitmap below where the walk stopped. The
/// walk's rows arrive as it finds them, so a walk that runs out of time still hands over what it found, and
/// tells how dense the matches are. The next read takes only as many ids below as should hold the rest,
/// twice over: a bitmap's cost is mostly the rows it visits ("quality control" with education up to SMA
/// matches 25,000 vacancies on 23,000 pages, 100 ms of rows; the newest 100,000 ids hold 2,500 of them, 4 ms
/// of rows). Whatever that range lacks comes from the rest. A range over more than a quarter of the ids gets
/// no read of its own: it saves little, and the primary key's bitmap of it costs (a judgement, not measured).
pub(super) async fn newest_matches(
    db: &Db,
    read: &MatchRead<'_>,
) -> Result<Vec<Candidate>, AppError> {
    let cap = COUNT_CAP + 1;
    let mut found = Vec::new();
    if walk(db, &read.statement(None, None, cap), &mut found).await? {
        return Ok(found);
    }
    if found.len() as i64 >= cap {
        // Cancelled after the last row had arrived.
        return Ok(found);
    }
    let mut below = found.last().map(|m| m.id);
    if let Some(last) = below {
        let (newest,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM vacancies")
            .fetch_one(&db.pool)
            .await?;
        let range = range_for(newest - last, found.len() as i64, cap);
        if range <= newest / 4 {
            let lowest = last - range;
            let wanted = cap - found.len() as i64;
            let sql = read.statement(Some(last), Some(lowest), wanted);
            found.extend(planned_with::<Candidate>(db, &sql, FROM_THE_BITMAP).await?);
            below = Some(lowest);
        }
    }
    let wanted = cap - found.len() as i64;
    if wanted > 0 {
        let sql = read.statement(below, None, wanted);
        found.extend(planned_with::<Candidate>(db, &sql, FROM_THE_BITMAP).await?);
    }
    Ok(found)
}

/// How many ids below the walk's last match should hold the rest of `cap`, twice over, when the walk found
/// `found` matches in `walked` ids.
fn range_for(walked: i64, found: i64, cap: i64) -> i64 {
    let rest = (cap - found).max(0);
    walked.max(1).saturating_mul(rest).saturating_mul(2) / found.max(1)
}

/// The walk under [`WALK_BUDGET`], its rows added to `found` as they arrive; whether it finished.
async fn walk(db: &Db, sql: &SqlBuilder, found: &mut Vec<Candidate>) -> Result<bool, AppError> {
    let mut tx = db.pool.begin().await?;
    sqlx::query(&settings_sql(WALK_BUDGET))
        .execute(&mut *tx)
        .await?;
    let finished = {
        let mut rows = sql.query_as::<Candidate>().fetch(&mut *tx);
        loop {
            match rows.try_next().await {
                Ok(Some(row)) => found.push(row),
                Ok(None) => break true,
                Err(e) if timed_out(&e) => break false,
                Err(e) => return Err(e.into()),
            }
        }
    };
    if finished {
        tx.commit().await?;
    }
    // A cancelled statement aborted the transaction; dropping it rolls back.
    Ok(finished)
}

/// The statement under planner settings that last for its transaction only.
async fn planned_with<T>(
    db: &Db,
    sql: &SqlBuilder,
    settings: &'static [(&'static str, &'static str)],
) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let mut tx = db.pool.begin().await?;
    sqlx::query(&settings_sql(settings))
        .execute(&mut *tx)
        .await?;
    let rows = sql.query_as().fetch_all(&mut *tx).await?;
    tx.commit().await?;
    Ok(rows)
}

/// One statement that applies planner settings until the transaction ends (`set_config(…, true)` is
/// `SET LOCAL`), all in one round trip.
fn settings_sql(settings: &[(&str, &str)]) -> String {
    let settings: Vec<String> = settings
        .iter()
        .map(|(name, value)| format!("set_config('{name}', '{value}', true)"))
        .collect();
    format!("SELECT {}", settings.join(", "))
}

/// Whether PostgreSQL cancelled the statement at its `statement_timeout`.
fn timed_out(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.code().as_deref() == Some(QUERY_CANCELED))
}

#[cfg(test)]
mod tests {
    use super::range_for;

    #[test]
    fn the_range_below_the_walk_holds_the_rest_twice_over() {
        // 250 matches in 10,000 ids: 751 more need about 30,000 ids; twice that.
        assert_eq!(range_for(10_000, 250, 1001), 60_080);
        // Nothing left to find, or an empty walk: no range, or one of the walk's own length per match.
        assert_eq!(range_for(10_000, 1001, 1001), 0);
        assert_eq!(range_for(0, 1, 1001), 2_000);
        // Never overflows.
        assert!(range_for(i64::MAX, 1, 1001) > 0);
    }
}
