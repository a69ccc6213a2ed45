//! The officer's side of the AK-1: the queue with its service clock, the applicant's full profile, and
//! the decision that issues the card with the next gapless number.
use rand::{Rng, distr::Alphanumeric};

use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
    },
    features::{
        accounts::model::mask_nik,
        ak1::{
            model::{
                Ak1Queue, Ak1Status, Decision, QUEUE_PAGE_SIZE, QueueItem, ReviewProfile,
                card_number, valid_until,
            },
            repo::{self, Card, Claim, Event, QueueRow},
            views,
        },
    },
    server::{audit, authz::RequestCtx, error::internal, review},
};

/// Waiting applications, oldest first, with their one-working-day deadline.
pub async fn queue(ctx: &RequestCtx) -> Result<Ak1Queue, AppError> {
    ctx.require_staff()?;
    let (total_waiting, overdue) = repo::waiting_counts(&ctx.state.db.pool, ctx.now_ms()).await?;
    let rows = repo::queue_rows(&ctx.state.db.pool, QUEUE_PAGE_SIZE).await?;
    // Opening the queue shows applicants' personal data: logged.
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("ak1.queue_read", "ak1_application", None),
    )
    .await?;
    let items = rows
        .into_iter()
        .map(|row| queue_item(ctx, row))
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Ak1Queue {
        total_waiting,
        overdue,
        items,
    })
}

fn queue_item(ctx: &RequestCtx, row: QueueRow) -> Result<QueueItem, AppError> {
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
}

/// The full profile of an applicant, for the officer deciding their AK-1 application: only while an
/// application waits for that decision (a past applicant's profile is read through the seeker record,
/// with a relation or a stated reason the person sees), and every read is audit-logged.
pub async fn review(ctx: &RequestCtx, seeker_id: i64) -> Result<ReviewProfile, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    if !repo::has_waiting_application(&db.pool, seeker_id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &db.pool,
        ctx.audit(
            "profile.read",
            "seeker_profile",
            Some(seeker_id.to_string()),
        )
        .about(seeker_id)
        .detail("ak1_review"),
    )
    .await?;
    Ok(ReviewProfile {
        form: repo::load_form(&db.pool, seeker_id).await?,
        entries: views::profile_entries(db, seeker_id).await?,
    })
}

/// The status a decision leads to, and the audit action that records it.
fn outcome(decision: Decision) -> (Ak1Status, &'static str) {
    match decision {
        Decision::Approve => (Ak1Status::Issued, "ak1.issue"),
        Decision::Reject => (Ak1Status::Rejected, "ak1.reject"),
        Decision::Revise => (Ak1Status::Revision, "ak1.request_revision"),
    }
}

/// Approve (issues the card), reject or ask for a revision. Exactly one officer decides each application.
pub async fn decide(
    ctx: &RequestCtx,
    application_id: i64,
    decision: Decision,
    reason: &str,
) -> Result<Option<String>, AppError> {
    let officer = ctx.require_staff()?.clone();
    let reason = review::reason(decision, reason)?;
    let now = ctx.now_ms();
    let today = calendar::wib_date(now);
    let (to, action) = outcome(decision);
    let mut tx = ctx.state.db.begin_write().await?;
    let claim = Claim {
        application_id,
        to,
        reason: reason.as_deref(),
        officer_id: officer.account_id,
        now_ms: now,
    };
    review::claimed(repo::claim_decision(&mut *tx, &claim).await?)?;
    let number = if decision == Decision::Approve {
        Some(issue_card(&mut tx, application_id, today, now).await?)
    } else {
        None
    };
    let account_id = repo::application_account(&mut *tx, application_id).await?;
    let event = Event {
        application_id,
        at_ms: now,
        actor: Some(officer.account_id),
        from: Some(Ak1Status::Waiting.as_str()),
        to: to.as_str(),
        reason: reason.as_deref(),
    };
    repo::record_event(&mut *tx, &event).await?;
    let audit = ctx
        .audit(action, "ak1_application", Some(application_id.to_string()))
        .about(account_id);
    review::finish(tx, Vec::new(), audit).await?;
    Ok(number)
}

/// Takes the next number of the year (the counter row is locked until commit: no duplicates, no gaps).
async fn issue_card(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    application_id: i64,
    today: time::Date,
    now_ms: i64,
) -> Result<String, AppError> {
    let serial = repo::next_serial(&mut **tx, today.year()).await?;
    let number = card_number(today.year(), serial);
    let code: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect();
    let card = Card {
        number: &number,
        issued_on: format_date(today),
        valid_until: format_date(valid_until(today)),
        verification_code: code,
    };
    repo::set_card(&mut **tx, application_id, &card).await?;
    let data = serde_json::json!({ "card_number": number, "valid_until": card.valid_until });
    crate::server::events::emit(tx, now_ms, "ak1.issued", &number, data).await?;
    Ok(number)
}
