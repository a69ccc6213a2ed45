//! The seeker's side: registering (eligibility checked with the browser's rule, a place or a reserve
//! taken by a capacity-capped UPDATE), withdrawing (the first reserve moves up), the follow-up answers,
//! and the rating.
use crate::{
    core::{calendar::parse_date, error::AppError, role::Role, text::normalize_text},
    features::training::{
        model::{RegStatus, eligibility},
        repo::{programme, registration as reg, stats},
        support::{self, release_place, send, today},
    },
    server::{audit, authz::RequestCtx},
};

/// Registers the seeker; returns the registration's status ("accepted", "registered" or "reserve").
pub async fn register(ctx: &RequestCtx, programme_id: i64) -> Result<String, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    let today = today(ctx);
    let detail = programme::detail(db, programme_id).await?;
    let rules = support::rules_of(&detail);
    let me = reg::applicant(db, seeker.account_id, &today).await?;
    let day = parse_date(&today).ok_or(AppError::BadRequest)?;
    eligibility(&rules, &me, day).map_err(|key| AppError::Conflict(key.into()))?;
    if reg::active(db, programme_id, seeker.account_id)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict("err_training_already_registered".into()));
    }
    let place_status = if detail.card.selection == "none" {
        RegStatus::Accepted
    } else {
        RegStatus::Registered
    };
    let mut tx = db.begin_write().await?;
    let (status, rank) = if reg::take_place(&mut tx, programme_id, &today).await? {
        (place_status, None)
    } else if let Some(rank) = reg::take_reserve(&mut tx, programme_id, &today).await? {
        (RegStatus::Reserve, Some(rank))
    } else {
        drop(tx);
        let card = support::card(db, programme_id).await?;
        let key = if card.registration_open(&today) {
            "err_training_full"
        } else {
            "err_training_registration_closed"
        };
        return Err(AppError::Conflict(key.into()));
    };
    let now = ctx.now_ms();
    // A second request of the same person that raced the first: its place goes back (rollback).
    let Some(id) = reg::insert(
        &mut tx,
        programme_id,
        seeker.account_id,
        status.as_str(),
        rank,
        now,
    )
    .await?
    else {
        return Err(AppError::Conflict("err_training_already_registered".into()));
    };
    let key = match status {
        RegStatus::Reserve => "training_notice_reserve",
        RegStatus::Accepted => "training_notice_accepted",
        _ => "training_notice_registered",
    };
    send(
        ctx,
        &mut tx,
        seeker.account_id,
        &seeker.email,
        key,
        &detail.card.title,
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "training.register",
            "training_registration",
            Some(id.to_string()),
        )
        .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(status.as_str().to_owned())
}

/// Withdraws before the result; a place given back goes to the first reserve, in order.
pub async fn withdraw(ctx: &RequestCtx, registration_id: i64) -> Result<(), AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let row = reg::of_seeker(&mut tx, registration_id, seeker.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The programme row first: withdrawals and decisions on one programme take their turn.
    programme::lock(&mut tx, row.programme_id).await?;
    let status = RegStatus::parse(&row.status).ok_or(AppError::NotFound)?;
    if !status.withdrawable()
        || !reg::set_status(
            &mut tx,
            row.id,
            &row.status,
            RegStatus::Withdrawn.as_str(),
            now,
        )
        .await?
    {
        return Err(AppError::Conflict("err_training_cannot_withdraw".into()));
    }
    let mut notices = Vec::new();
    if status.holds_place() {
        release_place(&mut tx, &row, now, &mut notices).await?;
    } else {
        reg::adjust(&mut tx, row.programme_id, 0, -1).await?;
    }
    for (account_id, email, key) in &notices {
        send(ctx, &mut tx, *account_id, email, key, &row.title).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "training.withdraw",
            "training_registration",
            Some(row.id.to_string()),
        )
        .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The answer to the 3- or 6-month question: working or not, where, in which occupation.
pub async fn answer_followup(
    ctx: &RequestCtx,
    registration_id: i64,
    months: i64,
    working: bool,
    employer: &str,
    occupation: &str,
) -> Result<(), AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    if months != 3 && months != 6 {
        return Err(AppError::field("months", "err_choose"));
    }
    let (min, employer, occupation) = if working {
        (2, employer, occupation)
    } else {
        (0, "", "")
    };
    let employer =
        normalize_text(employer, min, 150).map_err(|k| AppError::field("employer", k))?;
    let occupation =
        normalize_text(occupation, min, 150).map_err(|k| AppError::field("occupation", k))?;
    let mut tx = ctx.state.db.begin_write().await?;
    if !stats::answer(
        &mut tx,
        registration_id,
        seeker.account_id,
        months,
        working,
        &employer,
        &occupation,
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "training.followup",
            "training_registration",
            Some(registration_id.to_string()),
        )
        .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The participant's rating (1–5) and comment, once the result is known.
pub async fn rate(
    ctx: &RequestCtx,
    registration_id: i64,
    rating: i64,
    comment: &str,
) -> Result<(), AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    if !(1..=5).contains(&rating) {
        return Err(AppError::field("rating", "err_training_rating"));
    }
    let comment = normalize_text(comment, 0, 500).map_err(|k| AppError::field("comment", k))?;
    let mut tx = ctx.state.db.begin_write().await?;
    if reg::of_seeker(&mut tx, registration_id, seeker.account_id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    if !stats::rate(
        &mut tx,
        registration_id,
        seeker.account_id,
        rating,
        &comment,
        ctx.now_ms(),
    )
    .await?
    {
        return Err(AppError::Conflict("err_training_cannot_rate".into()));
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "training.rate",
            "training_registration",
            Some(registration_id.to_string()),
        )
        .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
