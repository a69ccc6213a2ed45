//! The officer's rows: the queue, the guarded decision and the gapless card numbers.
use sqlx::{Any, Executor, FromRow};

use crate::features::ak1::model::Ak1Status;

#[derive(FromRow)]
pub struct QueueRow {
    pub id: i64,
    pub account_id: i64,
    pub full_name: String,
    pub nik_ciphertext: String,
    pub education_level: Option<String>,
    pub district: Option<String>,
    pub school: Option<String>,
    pub skills: String,
    pub photos: i64,
    pub cvs: i64,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
}

/// Waiting applications, oldest first, at most `limit`.
pub async fn queue_rows<'c, E>(executor: E, limit: i64) -> Result<Vec<QueueRow>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT a.id, a.account_id, acc.full_name, s.nik_ciphertext, e.name_id AS education_level, r.name AS district, \
         p.school, COALESCE(p.skills, '') AS skills, \
         (SELECT COUNT(*) FROM seeker_files f WHERE f.account_id = a.account_id AND f.kind = 'photo') AS photos, \
         (SELECT COUNT(*) FROM seeker_files f WHERE f.account_id = a.account_id AND f.kind = 'cv') AS cvs, \
         a.submitted_at_ms, a.due_at_ms \
         FROM ak1_applications a JOIN accounts acc ON acc.id = a.account_id JOIN seekers s ON s.account_id = a.account_id \
         LEFT JOIN seeker_profiles p ON p.account_id = a.account_id LEFT JOIN education_levels e ON e.code = p.education_level \
         LEFT JOIN regions r ON r.code = p.district_code WHERE a.status = 'waiting' ORDER BY a.submitted_at_ms, a.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(executor)
    .await
}

/// An officer's decision on a waiting application.
pub struct Claim<'a> {
    pub application_id: i64,
    pub to: Ak1Status,
    pub reason: Option<&'a str>,
    pub officer_id: i64,
    pub now_ms: i64,
}

/// The guarded transition out of `waiting` (`server::review`'s first step); false when another decision
/// came first.
pub async fn claim_decision<'c, E>(executor: E, claim: &Claim<'_>) -> Result<bool, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let claimed = sqlx::query(
        "UPDATE ak1_applications SET status = $1, officer_note = $2, decided_by = $3, decided_at_ms = $4 WHERE id = $5 AND status = $6",
    )
    .bind(claim.to.as_str())
    .bind(claim.reason)
    .bind(claim.officer_id)
    .bind(claim.now_ms)
    .bind(claim.application_id)
    .bind(Ak1Status::Waiting.as_str())
    .execute(executor)
    .await?;
    Ok(claimed.rows_affected() > 0)
}

/// Whose application this is.
pub async fn application_account<'c, E>(
    executor: E,
    application_id: i64,
) -> Result<i64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let (account_id,): (i64,) =
        sqlx::query_as("SELECT account_id FROM ak1_applications WHERE id = $1")
            .bind(application_id)
            .fetch_one(executor)
            .await?;
    Ok(account_id)
}

/// Takes the next serial of the year (the counter row is locked until commit: no duplicates, no gaps).
pub async fn next_serial<'c, E>(executor: E, year: i32) -> Result<i64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let (serial,): (i64,) = sqlx::query_as(
        "INSERT INTO ak1_number_counters (year, last_serial) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last_serial = ak1_number_counters.last_serial + 1 RETURNING last_serial",
    )
    .bind(i64::from(year))
    .fetch_one(executor)
    .await?;
    Ok(serial)
}

/// What an issued card carries.
pub struct Card<'a> {
    pub number: &'a str,
    pub issued_on: String,
    pub valid_until: String,
    pub verification_code: String,
}

pub async fn set_card<'c, E>(
    executor: E,
    application_id: i64,
    card: &Card<'_>,
) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query("UPDATE ak1_applications SET card_number = $1, issued_on = $2, valid_until = $3, verification_code = $4 WHERE id = $5")
        .bind(card.number)
        .bind(&card.issued_on)
        .bind(&card.valid_until)
        .bind(&card.verification_code)
        .bind(application_id)
        .execute(executor)
        .await?;
    Ok(())
}

/// Submitted, due and decided instants of the cards issued since `since_ms`.
pub async fn issued_since<'c, E>(
    executor: E,
    since_ms: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT submitted_at_ms, due_at_ms, decided_at_ms FROM ak1_applications \
         WHERE issued_on IS NOT NULL AND decided_at_ms >= $1",
    )
    .bind(since_ms)
    .fetch_all(executor)
    .await
}
