//! Account rows. The caller owns the transaction.
use sqlx::{Any, Executor};

use crate::{core::role::Role, server::db::now_ms};

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub company_id: Option<i64>,
    pub password_hash: &'a str,
}

pub async fn insert<'c, E>(executor: E, account: &NewAccount<'_>) -> Result<i64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (email, full_name, role, company_id, password_hash, disabled, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, 0, $6) RETURNING id",
    )
    .bind(account.email)
    .bind(account.full_name)
    .bind(account.role.as_str())
    .bind(account.company_id)
    .bind(account.password_hash)
    .bind(now_ms())
    .fetch_one(executor)
    .await?;
    Ok(id)
}

pub async fn email_taken<'c, E>(executor: E, email: &str) -> Result<bool, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(executor)
        .await?;
    Ok(row.is_some())
}

/// Argon2id, off the async runtime (it takes tens of milliseconds on purpose).
pub async fn hash_password(password: String) -> Result<String, tokio::task::JoinError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password)).await
}
