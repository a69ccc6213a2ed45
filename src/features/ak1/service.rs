//! What other features may ask of AK-1 (read-only): the inbox's automation reads cards about to expire and
//! the queue past its deadline. Never `ak1::repo`.
use sqlx::AnyConnection;

/// Issued cards whose validity ends between `from` and `to` (inclusive): (account, valid until).
pub async fn cards_expiring(
    conn: &mut AnyConnection,
    from: &str,
    to: &str,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT account_id, valid_until FROM ak1_applications WHERE status = 'issued' \
         AND valid_until >= $1 AND valid_until <= $2 ORDER BY id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
}

/// Applications waiting past their one-working-day deadline: (count, oldest submission).
pub async fn overdue_queue(
    conn: &mut AnyConnection,
    now_ms: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), MIN(submitted_at_ms) FROM ak1_applications WHERE status = 'waiting' AND due_at_ms < $1",
    )
    .bind(now_ms)
    .fetch_one(conn)
    .await
}
