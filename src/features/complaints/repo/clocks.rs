//! The legal clocks' writes and the daily job's reads: start, stop, alerts, lapsed periods.
use sqlx::{Any, Executor};

use crate::features::complaints::model::{Clock, Status};

pub async fn start_clock<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    clock: Clock,
    started_on: &str,
    due_on: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO complaint_clocks (complaint_id, step, started_on, due_on) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (complaint_id, step) DO NOTHING",
    )
    .bind(id)
    .bind(clock.as_str())
    .bind(started_on)
    .bind(due_on)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn stop_clock<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    clock: Clock,
    done_on: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE complaint_clocks SET done_on = $1 WHERE complaint_id = $2 AND step = $3 AND done_on IS NULL")
        .bind(done_on)
        .bind(id)
        .bind(clock.as_str())
        .execute(db)
        .await?;
    Ok(())
}

/// Stops every running clock (a closed or referred case).
pub async fn stop_all_clocks<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    done_on: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE complaint_clocks SET done_on = $1 WHERE complaint_id = $2 AND done_on IS NULL",
    )
    .bind(done_on)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Clocks past their last day that nobody was told about yet: (complaint, step, officer).
pub async fn unalerted_overdue<'c, E: Executor<'c, Database = Any>>(
    db: E,
    today: &str,
) -> Result<Vec<(i64, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, k.step, c.officer_id FROM complaint_clocks k JOIN complaints c ON c.id = k.complaint_id \
         WHERE k.done_on IS NULL AND k.alerted = 0 AND k.due_on < $1 AND c.status NOT IN ('referred', 'closed') LIMIT 500",
    )
    .bind(today)
    .fetch_all(db)
    .await
}

pub async fn mark_alerted<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    step: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE complaint_clocks SET alerted = 1 WHERE complaint_id = $1 AND step = $2 AND alerted = 0")
        .bind(id)
        .bind(step)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Cases whose clock of `step` ran out before `today` while they are still in `status`:
/// (complaint, started_on, due_on), for the model's own rule to confirm.
pub async fn lapsed<'c, E: Executor<'c, Database = Any>>(
    db: E,
    step: Clock,
    status: Status,
    today: &str,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, k.started_on, k.due_on FROM complaints c JOIN complaint_clocks k ON k.complaint_id = c.id \
         AND k.step = $1 WHERE c.status = $2 AND k.done_on IS NULL AND k.due_on < $3 ORDER BY c.id LIMIT 500",
    )
    .bind(step.as_str())
    .bind(status.as_str())
    .bind(today)
    .fetch_all(db)
    .await
}
