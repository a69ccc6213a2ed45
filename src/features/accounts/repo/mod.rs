//! Account, seeker, consent and token rows. Functions take an executor; the service owns the transaction.
use sqlx::{Any, Executor, FromRow};

use crate::{core::role::Role, features::accounts::model::SessionUser, server::db::Db};

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub company_id: Option<i64>,
    pub company_role: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub password_hash: &'a str,
    pub now_ms: i64,
}

pub async fn insert<'c, E>(executor: E, account: &NewAccount<'_>) -> Result<i64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (email, full_name, role, company_id, company_role, phone, password_hash, disabled, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8) RETURNING id",
    )
    .bind(account.email)
    .bind(account.full_name)
    .bind(account.role.as_str())
    .bind(account.company_id)
    .bind(account.company_role)
    .bind(account.phone)
    .bind(account.password_hash)
    .bind(account.now_ms)
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

pub async fn nik_taken<'c, E>(executor: E, nik_hash: &str) -> Result<bool, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let row: Option<(i64,)> = sqlx::query_as("SELECT account_id FROM seekers WHERE nik_hash = $1")
        .bind(nik_hash)
        .fetch_optional(executor)
        .await?;
    Ok(row.is_some())
}

/// The signed-in person, or `None` when the account is disabled or gone (the query lives with
/// the request context in `server::authz`, which needs it on every request).
pub async fn session_user(db: &Db, account_id: i64) -> Result<Option<SessionUser>, sqlx::Error> {
    crate::server::authz::session_user(db, account_id).await
}

/// What sign-in needs; never serialized (it holds the password hash).
#[derive(FromRow)]
pub struct SignInRow {
    pub id: i64,
    pub role: String,
    pub password_hash: String,
    pub disabled: i64,
}

pub async fn find_for_sign_in(db: &Db, email: &str) -> Result<Option<SignInRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, role, password_hash, disabled FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(&db.pool)
        .await
}

pub async fn password_hash(db: &Db, account_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT password_hash FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|(hash,)| hash))
}

pub async fn set_password<'c, E>(
    executor: E,
    account_id: i64,
    hash: &str,
) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(account_id)
        .execute(executor)
        .await?;
    Ok(())
}

pub async fn mark_email_verified<'c, E>(
    executor: E,
    account_id: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query("UPDATE accounts SET email_verified_at_ms = COALESCE(email_verified_at_ms, $1) WHERE id = $2")
        .bind(now_ms)
        .bind(account_id)
        .execute(executor)
        .await?;
    Ok(())
}

pub struct NewSeeker<'a> {
    pub account_id: i64,
    pub nik_ciphertext: &'a str,
    pub nik_hash: &'a str,
    pub place_of_birth: &'a str,
    pub date_of_birth: &'a str,
    pub sex: &'a str,
    pub now_ms: i64,
}

pub async fn insert_seeker<'c, E>(executor: E, seeker: &NewSeeker<'_>) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query(
        "INSERT INTO seekers (account_id, nik_ciphertext, nik_hash, place_of_birth, date_of_birth, sex, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(seeker.account_id)
    .bind(seeker.nik_ciphertext)
    .bind(seeker.nik_hash)
    .bind(seeker.place_of_birth)
    .bind(seeker.date_of_birth)
    .bind(seeker.sex)
    .bind(seeker.now_ms)
    .execute(executor)
    .await?;
    Ok(())
}

#[derive(FromRow)]
pub struct SeekerRow {
    pub nik_ciphertext: String,
    pub place_of_birth: String,
    pub date_of_birth: String,
    pub sex: String,
    pub phone: Option<String>,
}

pub async fn seeker(db: &Db, account_id: i64) -> Result<Option<SeekerRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.nik_ciphertext, s.place_of_birth, s.date_of_birth, s.sex, a.phone FROM seekers s \
         JOIN accounts a ON a.id = s.account_id WHERE s.account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await
}

pub async fn set_consent<'c, E>(
    executor: E,
    account_id: i64,
    purpose: &str,
    granted: bool,
    now_ms: i64,
) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query(
        "INSERT INTO consents (account_id, purpose, granted, changed_at_ms) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (account_id, purpose) DO UPDATE SET granted = excluded.granted, changed_at_ms = excluded.changed_at_ms",
    )
    .bind(account_id)
    .bind(purpose)
    .bind(i64::from(granted))
    .bind(now_ms)
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn consents(db: &Db, account_id: i64) -> Result<Vec<(String, bool, i64)>, sqlx::Error> {
    let rows: Vec<(String, i64, i64)> =
        sqlx::query_as("SELECT purpose, granted, changed_at_ms FROM consents WHERE account_id = $1 ORDER BY purpose")
            .bind(account_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(purpose, granted, at)| (purpose, granted != 0, at))
        .collect())
}

#[derive(FromRow)]
pub struct SessionRow {
    pub id: String,
    pub created_at_ms: i64,
    pub last_seen_ms: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

pub async fn sessions_of(
    db: &Db,
    account_id: i64,
    now_ms: i64,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, created_at_ms, last_seen_ms, ip, user_agent FROM sessions \
         WHERE account_id = $1 AND expires_at_ms > $2 ORDER BY last_seen_ms DESC",
    )
    .bind(account_id)
    .bind(now_ms)
    .fetch_all(&db.pool)
    .await
}

mod hash;
mod token;

pub use hash::{
    hash_password, hash_password_for_request, is_common_password, verify_password,
    verify_password_for_request,
};
pub use token::{NewToken, TokenRow, consume_token, create_token, retire_tokens, token_is_live};
