//! Confirming a placement reported by NIK. Anyone who knows a NIK could type it, so the report alone never
//! closes a seeker's AK-1: the seeker says "yes, I work there" or "this was not me", or an officer decides
//! (after checking with the person); only a confirmation closes the card.
use sqlx::FromRow;

use crate::{
    core::{error::AppError, role::Role},
    features::{ak1, vacancies::views::PendingPlacement},
    server::{audit, authz::RequestCtx},
};

#[derive(FromRow)]
struct Row {
    id: i64,
    company_name: String,
    worker_name: String,
    account_name: String,
    position: String,
    start_date: String,
    created_at_ms: i64,
}

const PENDING: &str = "SELECT p.id, c.name AS company_name, p.worker_name, a.full_name AS account_name, p.position, \
     p.start_date, p.created_at_ms FROM placements p JOIN companies c ON c.id = p.company_id \
     JOIN accounts a ON a.id = p.seeker_account_id WHERE p.confirmation = 'pending'";

fn view(row: Row) -> PendingPlacement {
    PendingPlacement {
        id: row.id,
        company_name: row.company_name,
        worker_name: row.worker_name,
        account_name: row.account_name,
        position: row.position,
        start_date: row.start_date,
        reported_at_ms: row.created_at_ms,
    }
}

/// The signed-in seeker's placements waiting for their answer.
pub async fn mine(ctx: &RequestCtx) -> Result<Vec<PendingPlacement>, AppError> {
    let seeker_id = ctx.require(Role::Seeker)?.account_id;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{PENDING} AND p.seeker_account_id = $1 ORDER BY p.id"
    ))
    .bind(seeker_id)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    Ok(rows.into_iter().map(view).collect())
}

/// Every placement waiting for an answer, for officers (a list read of names: audited).
pub async fn waiting(ctx: &RequestCtx) -> Result<Vec<PendingPlacement>, AppError> {
    ctx.require_staff()?;
    let rows: Vec<Row> = sqlx::query_as(&format!("{PENDING} ORDER BY p.id LIMIT 500"))
        .fetch_all(&ctx.state.db.pool)
        .await?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("placement.pending_list", "placement", None),
    )
    .await?;
    Ok(rows.into_iter().map(view).collect())
}

/// The seeker named in the placement, or staff, answers "confirm" (the AK-1 closes) or "reject" (the
/// placement is kept as rejected and the card stays as it is).
pub async fn answer(ctx: &RequestCtx, placement_id: i64, answer: &str) -> Result<(), AppError> {
    let user = ctx.require_signed_in()?;
    let is_staff = user.role.is_staff();
    if user.role != Role::Seeker && !is_staff {
        return Err(AppError::Forbidden);
    }
    let confirm = match answer {
        "confirm" => true,
        "reject" => false,
        _ => return Err(AppError::field("answer", "err_choose")),
    };
    let actor = user.account_id;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let row: Option<(Option<i64>, String, Option<i64>)> = sqlx::query_as(
        "SELECT seeker_account_id, confirmation, vacancy_id FROM placements WHERE id = $1",
    )
    .bind(placement_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (seeker_id, status, vacancy_id) = row.ok_or(AppError::NotFound)?;
    let seeker_id = seeker_id.ok_or(AppError::NotFound)?;
    // Someone else's placement is reported as absent, so ids cannot be probed.
    if !is_staff && seeker_id != actor {
        return Err(AppError::NotFound);
    }
    if status != "pending" {
        return Err(AppError::Conflict("err_placement_answered".into()));
    }
    let outcome = if confirm { "confirmed" } else { "rejected" };
    let updated = sqlx::query(
        "UPDATE placements SET confirmation = $1, answered_by = $2, answered_at_ms = $3 \
         WHERE id = $4 AND confirmation = 'pending'",
    )
    .bind(outcome)
    .bind(actor)
    .bind(now)
    .bind(placement_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::Conflict("err_placement_answered".into()));
    }
    if confirm {
        ak1::card::close_on_placement(&mut tx, seeker_id, Some(actor), now).await?;
    } else if let Some(vacancy_id) = vacancy_id {
        reopen_if_no_longer_filled(&mut tx, vacancy_id, now).await?;
    }
    let action = if confirm {
        "placement.confirm"
    } else {
        "placement.reject"
    };
    audit::record(
        &mut *tx,
        ctx.audit(action, "placement", Some(placement_id.to_string()))
            .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A vacancy closed as filled by a placement the seeker has now disowned is open again, as long as its
/// deadline has not passed and the placements that still count stay below the headcount.
async fn reopen_if_no_longer_filled(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    vacancy_id: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let today = crate::core::calendar::format_date(crate::core::calendar::wib_date(now_ms));
    sqlx::query(
        "UPDATE vacancies SET status = 'published', closed_reason = NULL, closed_at_ms = NULL \
         WHERE id = $1 AND status = 'closed' AND closed_reason = 'filled' AND deadline >= $2 \
         AND (SELECT COUNT(*) FROM placements p WHERE p.vacancy_id = $1 AND p.confirmation <> 'rejected') < headcount",
    )
    .bind(vacancy_id)
    .bind(today)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
