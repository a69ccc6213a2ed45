//! The inbox's SQL: every query names the account, so a notice is only ever read or changed by its owner.
use sqlx::{AnyConnection, FromRow};

#[derive(FromRow)]
pub struct NoticeRow {
    pub id: i64,
    pub message_key: String,
    pub params: String,
    pub link: Option<String>,
    pub created_at_ms: i64,
    pub read_at_ms: Option<i64>,
}

/// One page of the account's notices, newest first.
pub async fn page(
    conn: &mut AnyConnection,
    account_id: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<NoticeRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, message_key, params, link, created_at_ms, read_at_ms FROM notifications \
         WHERE account_id = $1 ORDER BY created_at_ms DESC, id DESC LIMIT $2 OFFSET $3",
    )
    .bind(account_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await
}

/// (all, unread) notices of the account.
pub async fn counts(conn: &mut AnyConnection, account_id: i64) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN read_at_ms IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM notifications WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_one(conn)
    .await
    .map(|(all, unread): (i64, i64)| (all, unread))
}

/// Marks one notice of the account read; 0 rows when it is not theirs (or already read).
pub async fn mark_read(
    conn: &mut AnyConnection,
    account_id: i64,
    notice_id: i64,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at_ms = $1 WHERE id = $2 AND account_id = $3 AND read_at_ms IS NULL",
    )
    .bind(now_ms)
    .bind(notice_id)
    .bind(account_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Whether the notice exists and is the account's.
pub async fn owns(
    conn: &mut AnyConnection,
    account_id: i64,
    notice_id: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM notifications WHERE id = $1 AND account_id = $2")
            .bind(notice_id)
            .bind(account_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.is_some())
}

pub async fn mark_all_read(
    conn: &mut AnyConnection,
    account_id: i64,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at_ms = $1 WHERE account_id = $2 AND read_at_ms IS NULL",
    )
    .bind(now_ms)
    .bind(account_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// The account's unread notices: (id, message key), for marking one category read.
pub async fn unread_keys(
    conn: &mut AnyConnection,
    account_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, message_key FROM notifications WHERE account_id = $1 AND read_at_ms IS NULL",
    )
    .bind(account_id)
    .fetch_all(conn)
    .await
}

/// The categories the account switched (category, e-mail on).
pub async fn prefs(
    conn: &mut AnyConnection,
    account_id: i64,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT category, email_on FROM notice_email_prefs WHERE account_id = $1")
        .bind(account_id)
        .fetch_all(conn)
        .await
}

pub async fn set_pref(
    conn: &mut AnyConnection,
    account_id: i64,
    category: &str,
    on: bool,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notice_email_prefs (account_id, category, email_on, updated_at_ms) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (account_id, category) DO UPDATE SET email_on = excluded.email_on, updated_at_ms = excluded.updated_at_ms",
    )
    .bind(account_id)
    .bind(category)
    .bind(i64::from(on))
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}
