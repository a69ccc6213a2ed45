//! The officer's side of the AK-1: the queue with its service clock, and the decision that issues the
//! card with the next gapless number.
use rand::{Rng, distr::Alphanumeric};
use sqlx::FromRow;

use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
    },
    features::{
        accounts::model::{mask_nik, normalize_text},
        ak1::{
            model::{
                Ak1Queue, Ak1Status, Decision, QUEUE_PAGE_SIZE, QueueItem, card_number, valid_until,
            },
            service::record_event,
        },
    },
    server::{audit, authz::RequestCtx, error::internal},
};

/// Waiting applications, oldest first, with their one-working-day deadline.
pub async fn queue(ctx: &RequestCtx) -> Result<Ak1Queue, AppError> {
    ctx.require_staff()?;
    let (total_waiting, overdue): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN due_at_ms < $1 THEN 1 ELSE 0 END), 0) AS BIGINT) FROM ak1_applications WHERE status = 'waiting'",
    )
    .bind(ctx.now_ms())
    .fetch_one(&ctx.state.db.pool)
    .await?;
    let rows: Vec<QueueRow> = sqlx::query_as(
        "SELECT a.id, a.account_id, acc.full_name, s.nik_ciphertext, e.name_id AS education_level, r.name AS district, \
         p.school, COALESCE(p.skills, '') AS skills, \
         (SELECT COUNT(*) FROM seeker_files f WHERE f.account_id = a.account_id AND f.kind = 'photo') AS photos, \
         (SELECT COUNT(*) FROM seeker_files f WHERE f.account_id = a.account_id AND f.kind = 'cv') AS cvs, \
         a.submitted_at_ms, a.due_at_ms \
         FROM ak1_applications a JOIN accounts acc ON acc.id = a.account_id JOIN seekers s ON s.account_id = a.account_id \
         LEFT JOIN seeker_profiles p ON p.account_id = a.account_id LEFT JOIN education_levels e ON e.code = p.education_level \
         LEFT JOIN regions r ON r.code = p.district_code WHERE a.status = 'waiting' ORDER BY a.submitted_at_ms, a.id LIMIT $1",
    )
    .bind(QUEUE_PAGE_SIZE)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    // Opening the queue shows applicants' personal data: logged.
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("ak1.queue_read", "ak1_application", None),
    )
    .await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let nik = ctx
                .state
                .pii
                .decrypt(&row.nik_ciphertext)
                .map_err(internal)?;
            Ok(QueueItem {
                application_id: row.id,
                account_id: row.account_id,
                full_name: row.full_name,
                nik_masked: mask_nik(&nik),
                education_level: row.education_level,
                district: row.district,
                school: row.school,
                skills: row.skills,
                has_photo: row.photos > 0,
                has_cv: row.cvs > 0,
                submitted_at_ms: row.submitted_at_ms,
                due_at_ms: row.due_at_ms,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Ak1Queue {
        total_waiting,
        overdue,
        items,
    })
}

#[derive(FromRow)]
struct QueueRow {
    id: i64,
    account_id: i64,
    full_name: String,
    nik_ciphertext: String,
    education_level: Option<String>,
    district: Option<String>,
    school: Option<String>,
    skills: String,
    photos: i64,
    cvs: i64,
    submitted_at_ms: i64,
    due_at_ms: i64,
}

/// Approve (issues the card), reject or ask for a revision. Exactly one officer decides each application.
pub async fn decide(
    ctx: &RequestCtx,
    application_id: i64,
    decision: Decision,
    reason: &str,
) -> Result<Option<String>, AppError> {
    let officer = ctx.require_staff()?.clone();
    let reason = if decision.needs_reason() {
        Some(normalize_text(reason, 5, 1000).map_err(|key| AppError::field("reason", key))?)
    } else {
        None
    };
    let now = ctx.now_ms();
    let today = calendar::wib_date(now);
    let to = match decision {
        Decision::Approve => Ak1Status::Issued,
        Decision::Reject => Ak1Status::Rejected,
        Decision::Revise => Ak1Status::Revision,
    };
    let mut tx = ctx.state.db.begin_write().await?;
    // The first statement writes, so on SQLite the transaction takes the write lock at once (no upgrade
    // deadlock under concurrent approvals) and on PostgreSQL the row is locked against a second decision.
    let claimed = sqlx::query(
        "UPDATE ak1_applications SET status = $1, officer_note = $2, decided_by = $3, decided_at_ms = $4 WHERE id = $5 AND status = 'waiting'",
    )
    .bind(to.as_str())
    .bind(&reason)
    .bind(officer.account_id)
    .bind(now)
    .bind(application_id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_reviewed".into()));
    }
    let number = if decision == Decision::Approve {
        Some(issue_card(&mut tx, application_id, today).await?)
    } else {
        None
    };
    let (account_id,): (i64,) =
        sqlx::query_as("SELECT account_id FROM ak1_applications WHERE id = $1")
            .bind(application_id)
            .fetch_one(&mut *tx)
            .await?;
    record_event(
        &mut tx,
        application_id,
        now,
        Some(officer.account_id),
        Some("waiting"),
        to.as_str(),
        reason.as_deref(),
    )
    .await?;
    let action = match decision {
        Decision::Approve => "ak1.issue",
        Decision::Reject => "ak1.reject",
        Decision::Revise => "ak1.request_revision",
    };
    audit::record(
        &mut *tx,
        ctx.audit(action, "ak1_application", Some(application_id.to_string()))
            .about(account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(number)
}

/// Takes the next number of the year (the counter row is locked until commit: no duplicates, no gaps).
async fn issue_card(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    application_id: i64,
    today: time::Date,
) -> Result<String, AppError> {
    let (serial,): (i64,) = sqlx::query_as(
        "INSERT INTO ak1_number_counters (year, last_serial) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last_serial = ak1_number_counters.last_serial + 1 RETURNING last_serial",
    )
    .bind(i64::from(today.year()))
    .fetch_one(&mut **tx)
    .await?;
    let number = card_number(today.year(), serial);
    let code: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect();
    sqlx::query("UPDATE ak1_applications SET card_number = $1, issued_on = $2, valid_until = $3, verification_code = $4 WHERE id = $5")
        .bind(&number)
        .bind(format_date(today))
        .bind(format_date(valid_until(today)))
        .bind(code)
        .bind(application_id)
        .execute(&mut **tx)
        .await?;
    Ok(number)
}
