//! Re-report rows (lapor diri) and the reminders sent before each due date.
use sqlx::{Any, Executor};

/// The periods re-reported on this card and when, in period order.
pub async fn reports<'c, E>(
    executor: E,
    application_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT period, reported_at_ms FROM ak1_reports WHERE application_id = $1 ORDER BY period",
    )
    .bind(application_id)
    .fetch_all(executor)
    .await
}

/// The periods re-reported on this card (any order).
pub async fn reported_periods<'c, E>(
    executor: E,
    application_id: i64,
) -> Result<Vec<i64>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let done: Vec<(i64,)> =
        sqlx::query_as("SELECT period FROM ak1_reports WHERE application_id = $1")
            .bind(application_id)
            .fetch_all(executor)
            .await?;
    Ok(done.into_iter().map(|(p,)| p).collect())
}

/// Records a re-report; a second one for the same period violates the unique constraint.
pub async fn insert_report<'c, E>(
    executor: E,
    application_id: i64,
    period: u8,
    now_ms: i64,
    still_seeking: bool,
) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query("INSERT INTO ak1_reports (application_id, period, reported_at_ms, still_seeking) VALUES ($1, $2, $3, $4)")
        .bind(application_id)
        .bind(i64::from(period))
        .bind(now_ms)
        .bind(i64::from(still_seeking))
        .execute(executor)
        .await?;
    Ok(())
}

/// Issued cards still valid on `today` (`YYYY-MM-DD`) of enabled accounts: id, issue date, e-mail, name.
pub async fn reminder_candidates<'c, E>(
    executor: E,
    today: &str,
) -> Result<Vec<(i64, String, String, String, i64)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT a.id, a.issued_on, acc.email, acc.full_name, a.account_id FROM ak1_applications a JOIN accounts acc ON acc.id = a.account_id \
         WHERE a.status = 'issued' AND a.valid_until >= $1 AND acc.disabled = 0",
    )
    .bind(today)
    .fetch_all(executor)
    .await
}

/// Marks the period's reminder as sent; false when it already was.
pub async fn insert_reminder<'c, E>(
    executor: E,
    application_id: i64,
    period: u8,
    now_ms: i64,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let inserted = sqlx::query(
        "INSERT INTO ak1_reminders (application_id, period, sent_at_ms) VALUES ($1, $2, $3) ON CONFLICT (application_id, period) DO NOTHING",
    )
    .bind(application_id)
    .bind(i64::from(period))
    .bind(now_ms)
    .execute(executor)
    .await?;
    Ok(inserted.rows_affected() == 1)
}
