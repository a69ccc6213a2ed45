//! Mediation sessions and uploaded files, each written in the caller's transaction with its guard.
use sqlx::{Any, Executor};

/// Schedules the next session; returns its number, or `None` when the case already has a session on that
/// day at that place (a repeated submit: no second session, no second set of invitations). The caller's
/// guarded status UPDATE locks the case row first, so a concurrent repeat waits and then sees this one.
pub async fn add_session<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    held_on: &str,
    place: &str,
    now_ms: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO complaint_sessions (complaint_id, number, held_on, place, created_at_ms) \
         SELECT $1, (SELECT COALESCE(MAX(number), 0) + 1 FROM complaint_sessions WHERE complaint_id = $1), $2, $3, $4 \
         WHERE NOT EXISTS (SELECT 1 FROM complaint_sessions WHERE complaint_id = $1 AND held_on = $2 AND place = $3) \
         RETURNING number",
    )
    .bind(id)
    .bind(held_on)
    .bind(place)
    .bind(now_ms)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.0))
}

/// The minutes of a session, once.
pub async fn set_minutes<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    number: i64,
    minutes: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE complaint_sessions SET minutes = $1 WHERE complaint_id = $2 AND number = $3 AND minutes IS NULL",
    )
    .bind(minutes)
    .bind(id)
    .bind(number)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub struct NewFile<'a> {
    pub complaint_id: i64,
    pub by_role: &'a str,
    pub storage_key: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub at_ms: i64,
}

/// Adds a file's row unless the case has `max` files already; false then. The case row is locked first
/// (a no-op UPDATE), so concurrent uploads to one case count one after the other on PostgreSQL too (SQLite's
/// write transaction is exclusive anyway).
pub async fn add_file(
    db: &mut sqlx::AnyConnection,
    f: &NewFile<'_>,
    max: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query("UPDATE complaints SET updated_at_ms = updated_at_ms WHERE id = $1")
        .bind(f.complaint_id)
        .execute(&mut *db)
        .await?;
    let done = sqlx::query(
        "INSERT INTO complaint_files (complaint_id, by_role, storage_key, file_name, content_type, size_bytes, at_ms) \
         SELECT $1, $2, $3, $4, $5, $6, $7 WHERE (SELECT COUNT(*) FROM complaint_files WHERE complaint_id = $1) < $8",
    )
    .bind(f.complaint_id)
    .bind(f.by_role)
    .bind(f.storage_key)
    .bind(f.file_name)
    .bind(f.content_type)
    .bind(f.size_bytes)
    .bind(f.at_ms)
    .bind(max)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}
