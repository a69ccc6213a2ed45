//! The partner API's own tables: keys and their call windows, webhook endpoints and deliveries.
//! `reads.rs` holds the read-only queries of the public and partner data (a reporting read model over
//! other areas' tables, like the statistics area's; it never writes them). No authorization here.
pub mod reads;
pub mod webhooks;

use sqlx::{AnyConnection, FromRow};

use crate::features::partner_api::model::{KeyRow, NewKey};

/// A key as the authentication step needs it.
#[derive(FromRow)]
pub struct KeyAuth {
    pub id: i64,
    pub partner: String,
    pub scopes: String,
    pub allowed_ips: String,
    pub per_minute: i64,
    pub expires_on: String,
    pub revoked_at_ms: Option<i64>,
}

pub async fn key_by_hash(
    conn: &mut AnyConnection,
    key_hash: &str,
) -> Result<Option<KeyAuth>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, partner, scopes, allowed_ips, per_minute, expires_on, revoked_at_ms FROM api_keys \
         WHERE key_hash = $1",
    )
    .bind(key_hash)
    .fetch_optional(conn)
    .await
}

pub async fn insert_key(
    conn: &mut AnyConnection,
    key: &NewKey,
    prefix: &str,
    key_hash: &str,
    created_by: i64,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO api_keys (name, partner, key_prefix, key_hash, scopes, allowed_ips, per_minute, \
         expires_on, created_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(&key.name)
    .bind(&key.partner)
    .bind(prefix)
    .bind(key_hash)
    .bind(key.scopes.join(" "))
    .bind(key.allowed_ips.join(" "))
    .bind(key.per_minute)
    .bind(&key.expires_on)
    .bind(created_by)
    .bind(now_ms)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Revokes a key that is not yet revoked; false when there is none such (0 rows).
pub async fn revoke_key(
    conn: &mut AnyConnection,
    id: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE api_keys SET revoked_at_ms = $1 WHERE id = $2 AND revoked_at_ms IS NULL",
    )
    .bind(now_ms)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(FromRow)]
struct KeyListRow {
    id: i64,
    name: String,
    partner: String,
    key_prefix: String,
    scopes: String,
    allowed_ips: String,
    per_minute: i64,
    expires_on: String,
    revoked_at_ms: Option<i64>,
    last_used_at_ms: Option<i64>,
}

pub async fn list_keys(conn: &mut AnyConnection) -> Result<Vec<KeyRow>, sqlx::Error> {
    let rows: Vec<KeyListRow> = sqlx::query_as(
        "SELECT id, name, partner, key_prefix, scopes, allowed_ips, per_minute, expires_on, revoked_at_ms, \
         last_used_at_ms FROM api_keys ORDER BY id DESC LIMIT 200",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| KeyRow {
            id: r.id,
            name: r.name,
            partner: r.partner,
            key_prefix: r.key_prefix,
            scopes: r.scopes,
            allowed_ips: r.allowed_ips,
            per_minute: r.per_minute,
            expires_on: r.expires_on,
            revoked: r.revoked_at_ms.is_some(),
            last_used_at_ms: r.last_used_at_ms,
        })
        .collect())
}

/// Counts one call in the key's current minute and returns the calls in it so far (this one included).
pub async fn count_call(
    conn: &mut AnyConnection,
    key_id: i64,
    window_start_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (calls,): (i64,) = sqlx::query_as(
        "INSERT INTO api_rate_windows (key_id, window_start_ms, calls) VALUES ($1, $2, 1) \
         ON CONFLICT (key_id, window_start_ms) DO UPDATE SET calls = api_rate_windows.calls + 1 \
         RETURNING calls",
    )
    .bind(key_id)
    .bind(window_start_ms)
    .fetch_one(&mut *conn)
    .await?;
    if calls == 1 {
        // A new minute: the windows before the last hour are no longer needed.
        sqlx::query("DELETE FROM api_rate_windows WHERE key_id = $1 AND window_start_ms < $2")
            .bind(key_id)
            .bind(window_start_ms - 3_600_000)
            .execute(conn)
            .await?;
    }
    Ok(calls)
}

pub async fn touch_key(
    conn: &mut AnyConnection,
    key_id: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE api_keys SET last_used_at_ms = $1 WHERE id = $2")
        .bind(now_ms)
        .bind(key_id)
        .execute(conn)
        .await?;
    Ok(())
}
