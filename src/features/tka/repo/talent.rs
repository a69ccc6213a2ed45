//! The counted pool of the local-talent check (`talent_pool`, `talent_pool_builds`): the hourly job's
//! read of the card holders' wishes and its replacement of the counts, and the queue's read of them.
use sqlx::{Any, AnyConnection, Executor};

use crate::server::db::SqlBuilder;

/// The wished jobs (comma-separated, as typed) of the seekers with an AK-1 card valid on `today`, with how
/// many seekers typed each list exactly so.
pub async fn wish_lists(
    executor: impl Executor<'_, Database = Any>,
    today: &str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.preferred_occupations, COUNT(*) FROM seeker_profiles p WHERE p.account_id IN \
         (SELECT a.account_id FROM ak1_applications a WHERE a.status = 'issued' AND a.valid_until >= $1) \
         GROUP BY p.preferred_occupations",
    )
    .bind(today)
    .fetch_all(executor)
    .await
}

/// Rows per statement: two values each, well under SQLite's limit of bound values.
const CHUNK: usize = 400;

/// The latest count: when it was made, for which WIB day's valid cards, how many holders it counted.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Build {
    pub built_at_ms: i64,
    pub valid_on: String,
    pub holders: i64,
}

/// Replaces the counts, in the caller's transaction; false (and nothing written) when a count made at the
/// same time or later is already stored (the page keeps a count's index by its time). The build row is
/// written first: on PostgreSQL its row lock makes a second count wait for the first to commit, and on
/// SQLite the write transaction does.
pub async fn replace(
    conn: &mut AnyConnection,
    lists: &[(String, i64)],
    built_at_ms: i64,
    valid_on: &str,
) -> Result<bool, sqlx::Error> {
    let holders: i64 = lists.iter().map(|(_, holders)| holders).sum();
    let newer = sqlx::query(
        "INSERT INTO talent_pool_builds (id, built_at_ms, valid_on, holders) VALUES (1, $1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET built_at_ms = excluded.built_at_ms, valid_on = excluded.valid_on, \
         holders = excluded.holders WHERE talent_pool_builds.built_at_ms < excluded.built_at_ms",
    )
    .bind(built_at_ms)
    .bind(valid_on)
    .bind(holders)
    .execute(&mut *conn)
    .await?;
    if newer.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM talent_pool")
        .execute(&mut *conn)
        .await?;
    for chunk in lists.chunks(CHUNK) {
        let mut insert = SqlBuilder::new("INSERT INTO talent_pool (wishes, holders) VALUES ");
        for (index, (wishes, holders)) in chunk.iter().enumerate() {
            let wishes = insert.text(wishes.as_str());
            let holders = insert.int(*holders);
            insert.push(if index == 0 { "" } else { ", " });
            insert.push(&format!("({wishes}, {holders})"));
        }
        insert.query().execute(&mut *conn).await?;
    }
    Ok(true)
}

/// The latest count (none before the job's first run).
pub async fn latest_build(
    executor: impl Executor<'_, Database = Any>,
) -> Result<Option<Build>, sqlx::Error> {
    sqlx::query_as("SELECT built_at_ms, valid_on, holders FROM talent_pool_builds WHERE id = 1")
        .fetch_optional(executor)
        .await
}

/// Every counted list with its card holders.
pub async fn lists(
    executor: impl Executor<'_, Database = Any>,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT wishes, holders FROM talent_pool")
        .fetch_all(executor)
        .await
}
