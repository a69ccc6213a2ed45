//! AK-1 application rows: applying, the status events, the officer's queue and decision, gapless numbering,
//! the public verification and closing on placement.
use sqlx::{Any, AnyConnection, Executor, FromRow};

/// On PostgreSQL, locks the seeker's account row until commit, so two identical requests run one after
/// the other.
pub async fn lock_account<'c, E>(executor: E, account_id: i64) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query("SELECT id FROM accounts WHERE id = $1 FOR NO KEY UPDATE")
        .bind(account_id)
        .fetch_optional(executor)
        .await?;
    Ok(())
}

/// The seeker's latest application: id, status and valid-until date.
pub async fn latest_status<'c, E>(
    executor: E,
    account_id: i64,
) -> Result<Option<(i64, String, Option<String>)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, status, valid_until FROM ak1_applications WHERE account_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(executor)
    .await
}

/// Sends an application back from revision to waiting; false when it was no longer in revision.
pub async fn resubmit<'c, E>(
    executor: E,
    id: i64,
    now_ms: i64,
    due_at_ms: i64,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let resubmitted = sqlx::query(
        "UPDATE ak1_applications SET status = 'waiting', submitted_at_ms = $1, due_at_ms = $2 \
         WHERE id = $3 AND status = 'revision'",
    )
    .bind(now_ms)
    .bind(due_at_ms)
    .bind(id)
    .execute(executor)
    .await?;
    Ok(resubmitted.rows_affected() > 0)
}

pub async fn insert_application<'c, E>(
    executor: E,
    account_id: i64,
    now_ms: i64,
    due_at_ms: i64,
) -> Result<i64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms) VALUES ($1, 'waiting', $2, $3) RETURNING id",
    )
    .bind(account_id)
    .bind(now_ms)
    .bind(due_at_ms)
    .fetch_one(executor)
    .await?;
    Ok(id)
}

/// One step of an application's history.
pub struct Event<'a> {
    pub application_id: i64,
    pub at_ms: i64,
    pub actor: Option<i64>,
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub reason: Option<&'a str>,
}

pub async fn record_event<'c, E>(executor: E, event: &Event<'_>) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query(
        "INSERT INTO ak1_events (application_id, at_ms, actor_account_id, from_status, to_status, reason) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(event.application_id)
    .bind(event.at_ms)
    .bind(event.actor)
    .bind(event.from)
    .bind(event.to)
    .bind(event.reason)
    .execute(executor)
    .await?;
    Ok(())
}

#[derive(FromRow)]
pub struct ApplicationRow {
    pub id: i64,
    pub status: String,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
    pub officer_note: Option<String>,
    pub card_number: Option<String>,
    pub issued_on: Option<String>,
    pub valid_until: Option<String>,
    pub verification_code: Option<String>,
}

pub async fn latest_application<'c, E>(
    executor: E,
    account_id: i64,
) -> Result<Option<ApplicationRow>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, status, submitted_at_ms, due_at_ms, officer_note, card_number, issued_on, valid_until, verification_code \
         FROM ak1_applications WHERE account_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(executor)
    .await
}

/// The application's history: when, to which status, why.
pub async fn events<'c, E>(
    executor: E,
    application_id: i64,
) -> Result<Vec<(i64, String, Option<String>)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT at_ms, to_status, reason FROM ak1_events WHERE application_id = $1 ORDER BY at_ms, id",
    )
    .bind(application_id)
    .fetch_all(executor)
    .await
}

/// Does an AK-1 application of the seeker wait for an officer's decision?
pub async fn has_waiting_application<'c, E>(
    executor: E,
    account_id: i64,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let applied: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM ak1_applications WHERE account_id = $1 AND status = 'waiting' LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(executor)
    .await?;
    Ok(applied.is_some())
}

/// Holder name, card number, status, issue and valid-until dates of the card with this QR code.
pub async fn verification_row<'c, E>(
    executor: E,
    code: &str,
) -> Result<Option<(String, String, String, String, String)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT acc.full_name, a.card_number, a.status, a.issued_on, a.valid_until FROM ak1_applications a \
         JOIN accounts acc ON acc.id = a.account_id WHERE a.verification_code = $1",
    )
    .bind(code)
    .fetch_optional(executor)
    .await
}

/// The name of the officer who decided the application ("-" when none is known).
pub async fn officer_name<'c, E>(executor: E, application_id: i64) -> Result<String, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let (officer_name,): (String,) = sqlx::query_as(
        "SELECT COALESCE(o.full_name, '-') FROM ak1_applications a LEFT JOIN accounts o ON o.id = a.decided_by WHERE a.id = $1",
    )
    .bind(application_id)
    .fetch_one(executor)
    .await?;
    Ok(officer_name)
}

/// Closes the holder's latest issued card as placed; returns its id and card number, or `None` when no
/// card was issued.
pub async fn close_issued(
    conn: &mut AnyConnection,
    account_id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, COALESCE(card_number, '') FROM ak1_applications WHERE account_id = $1 \
         AND status = 'issued' ORDER BY id DESC LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, card_number)) = row else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE ak1_applications SET status = 'closed', closed_reason = 'placed' WHERE id = $1",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(Some((id, card_number)))
}

/// Waiting applications and how many of them are past their deadline at `now_ms`.
pub async fn waiting_counts<'c, E>(executor: E, now_ms: i64) -> Result<(i64, i64), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN due_at_ms < $1 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM ak1_applications WHERE status = 'waiting'",
    )
    .bind(now_ms)
    .fetch_one(executor)
    .await
}
