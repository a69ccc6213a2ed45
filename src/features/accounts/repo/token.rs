//! One-time tokens (e-mail verification, password reset, staff invitations): only their hash is stored.
use sqlx::{Any, Executor, FromRow};

use crate::server::{db::Db, pii::token_hash};

pub struct NewToken<'a> {
    pub purpose: &'a str,
    pub account_id: Option<i64>,
    pub company_id: Option<i64>,
    pub email: &'a str,
    pub expires_at_ms: i64,
    pub now_ms: i64,
}

/// Stores the hash of a fresh token and returns the token itself (to put in a link, once).
pub async fn create_token<'c, E>(executor: E, token: &NewToken<'_>) -> Result<String, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let secret = crate::server::pii::new_token();
    sqlx::query(
        "INSERT INTO tokens (token_hash, purpose, account_id, company_id, email, expires_at_ms, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token_hash(&secret))
    .bind(token.purpose)
    .bind(token.account_id)
    .bind(token.company_id)
    .bind(token.email)
    .bind(token.expires_at_ms)
    .bind(token.now_ms)
    .execute(executor)
    .await?;
    Ok(secret)
}

#[derive(FromRow, Debug)]
pub struct TokenRow {
    pub id: i64,
    pub account_id: Option<i64>,
    pub company_id: Option<i64>,
    pub email: String,
}

/// Marks a valid, unused, unexpired token as used and returns it; `None` otherwise. Single use even
/// under concurrent clicks: the UPDATE only succeeds for the first.
/// Whether a link is still usable (checked before the costly password hash, so made-up links cannot
/// keep the Argon2 slots busy; `consume_token` decides again inside the transaction).
pub async fn token_is_live(
    db: &Db,
    token: &str,
    purpose: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM tokens \
         WHERE token_hash = $1 AND purpose = $2 AND used_at_ms IS NULL AND expires_at_ms > $3",
    )
    .bind(token_hash(token))
    .bind(purpose)
    .bind(now_ms)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.is_some())
}

pub async fn consume_token(
    tx: &mut sqlx::Transaction<'static, Any>,
    token: &str,
    purpose: &str,
    now_ms: i64,
) -> Result<Option<TokenRow>, sqlx::Error> {
    let row: Option<TokenRow> = sqlx::query_as(
        "SELECT id, account_id, company_id, email FROM tokens \
         WHERE token_hash = $1 AND purpose = $2 AND used_at_ms IS NULL AND expires_at_ms > $3",
    )
    .bind(token_hash(token))
    .bind(purpose)
    .bind(now_ms)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let updated =
        sqlx::query("UPDATE tokens SET used_at_ms = $1 WHERE id = $2 AND used_at_ms IS NULL")
            .bind(now_ms)
            .bind(row.id)
            .execute(&mut **tx)
            .await?;
    Ok((updated.rows_affected() == 1).then_some(row))
}

/// Ends an account's outstanding links of one purpose (a password change or reset makes every older
/// reset link worthless: whoever holds an old e-mail must not set the password again).
pub async fn retire_tokens<'c, E>(
    executor: E,
    account_id: i64,
    purpose: &str,
    now_ms: i64,
) -> Result<u64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let result = sqlx::query(
        "UPDATE tokens SET used_at_ms = $3 \
         WHERE account_id = $1 AND purpose = $2 AND used_at_ms IS NULL",
    )
    .bind(account_id)
    .bind(purpose)
    .bind(now_ms)
    .execute(executor)
    .await?;
    Ok(result.rows_affected())
}
