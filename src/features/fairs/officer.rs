//! The officer's side of job fairs: events are created, edited, published, closed and cancelled (telling
//! every registered visitor); booth requests are decided; tickets are checked in (by officers, and by a
//! booth's staff at their booth).
use sqlx::{Any, Transaction};

use crate::{
    core::{calendar::wib_date, error::AppError, review::Decision, role::Role},
    features::fairs::{
        model::{BoothStatus, CheckInOutcome, FairForm, ticket_code_from_scan},
        repo::{booth, fair, visitor},
    },
    server::{audit, authz::RequestCtx, notify, review},
};

/// Creates a draft event (`fair_id` 0) or edits one that is not over. Returns its id.
pub async fn save(ctx: &RequestCtx, fair_id: i64, form: FairForm) -> Result<i64, AppError> {
    let officer = ctx.require_staff()?;
    let today = wib_date(ctx.now_ms());
    let plan = form
        .check((fair_id == 0).then_some(today))
        .map_err(AppError::Validation)?;
    let now = ctx.now_ms();
    let map_url = Some(form.map_url.trim().to_owned()).filter(|u| !u.is_empty());
    let mut tx = ctx.state.db.begin_write().await?;
    let id = if fair_id == 0 {
        fair::insert(&mut tx, &form, &plan, map_url, officer.account_id, now).await?
    } else {
        if !fair::update(&mut tx, fair_id, &form, &plan, map_url, now).await? {
            return Err(AppError::Conflict("err_fair_not_editable".into()));
        }
        fair_id
    };
    let action = if fair_id == 0 {
        "fair.create"
    } else {
        "fair.update"
    };
    audit::record(
        &mut *tx,
        ctx.audit(action, "job_fair", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The officer's form values of an event, to edit it.
pub async fn form_of(ctx: &RequestCtx, fair_id: i64) -> Result<FairForm, AppError> {
    ctx.require_staff()?;
    fair::form(&ctx.state.db, fair_id).await
}

/// Publishes a draft, closes a published event, or cancels one (telling every registered visitor).
pub async fn set_status(
    ctx: &RequestCtx,
    fair_id: i64,
    action: &str,
    reason: &str,
) -> Result<(), AppError> {
    ctx.require_staff()?;
    let reason = reason.trim();
    let (to, from): (&str, &[&str]) = match action {
        "publish" => ("published", &["draft"]),
        "close" => ("closed", &["published"]),
        "cancel" => ("cancelled", &["draft", "published"]),
        _ => return Err(AppError::field("action", "err_choose")),
    };
    if to == "cancelled" && reason.chars().count() < 5 {
        return Err(AppError::field("reason", "err_reason_required"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let cancel_reason = (to == "cancelled").then(|| reason.to_owned());
    if !fair::set_status(&mut tx, fair_id, to, from, cancel_reason, now).await? {
        return Err(AppError::Conflict("err_fair_status".into()));
    }
    if to == "cancelled" {
        tell_visitors_of_cancellation(ctx, &mut tx, fair_id, now).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            match to {
                "published" => "fair.publish",
                "closed" => "fair.close",
                _ => "fair.cancel",
            },
            "job_fair",
            Some(fair_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every registered visitor gets a notice (in the portal and by e-mail); their slot bookings end.
async fn tell_visitors_of_cancellation(
    ctx: &RequestCtx,
    tx: &mut Transaction<'static, Any>,
    fair_id: i64,
    now: i64,
) -> Result<(), AppError> {
    let name = fair::name(tx, fair_id).await?;
    let visitors = fair::visitors(tx, fair_id).await?;
    fair::end_bookings(tx, fair_id, now).await?;
    let public_url = &ctx.state.config.server.public_url;
    for (account_id, email) in visitors {
        notify::send(
            tx,
            notify::Notice {
                account_id,
                message_key: "notice_fair_cancelled",
                subject: &name,
                link: Some(format!("/bursa-kerja/{fair_id}")),
                now_ms: now,
                email: Some(notify::Email {
                    to: &email,
                    public_url,
                }),
            },
        )
        .await?;
    }
    Ok(())
}

/// Approves or rejects (with a reason) a requested booth and tells the company.
pub async fn decide(
    ctx: &RequestCtx,
    booth_id: i64,
    decision: Decision,
    reason: &str,
) -> Result<(), AppError> {
    let officer = ctx.require_staff()?;
    let reason = reason.trim();
    let status = match decision {
        Decision::Approve => BoothStatus::Approved,
        Decision::Reject => BoothStatus::Rejected,
        Decision::Revise => return Err(AppError::field("decision", "err_choose")),
    };
    if status == BoothStatus::Rejected && reason.chars().count() < 5 {
        return Err(AppError::field("reason", "err_reason_required"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let note = Some(reason.to_owned()).filter(|r| !r.is_empty());
    review::claimed(
        booth::decide(&mut tx, booth_id, status, note, officer.account_id, now).await?,
    )?;
    let (requested_by, email, fair_name) = booth::requester(&mut tx, booth_id).await?;
    let notice = notify::Notice {
        account_id: requested_by,
        message_key: if status == BoothStatus::Approved {
            "notice_booth_approved"
        } else {
            "notice_booth_rejected"
        },
        subject: &fair_name,
        link: Some("/perusahaan/bursa-kerja".into()),
        now_ms: now,
        email: Some(notify::Email {
            to: &email,
            public_url: &ctx.state.config.server.public_url,
        }),
    };
    let audit = ctx
        .audit(
            "fair.booth_decide",
            "fair_booth",
            Some(booth_id.to_string()),
        )
        .detail(status.as_str());
    review::finish(tx, vec![notice], audit).await
}

/// Checks a ticket in. Officers check visitors into the fair; a booth's staff also record the visit to
/// their booth (checking the visitor in if no one had). Each ticket checks in once.
pub async fn check_in(ctx: &RequestCtx, scanned: &str) -> Result<CheckInOutcome, AppError> {
    let user = ctx.require_signed_in()?;
    if !(user.role.is_staff() || user.role == Role::Company) {
        return Err(AppError::Forbidden);
    }
    let code = ticket_code_from_scan(scanned);
    if code.is_empty() {
        return Err(AppError::field("code", "err_required"));
    }
    let db = &ctx.state.db;
    let Some((registration_id, fair_id, seeker_id, visitor)) = visitor::by_code(db, &code).await?
    else {
        return Err(AppError::field("code", "err_ticket_unknown"));
    };
    let booth_id = if user.role == Role::Company {
        let company = ctx.require_company()?;
        Some(
            booth::company_booth_at(db, fair_id, company.company_id)
                .await?
                .ok_or(AppError::Forbidden)?,
        )
    } else {
        None
    };
    let fair = fair::fair_card(db, fair_id).await?;
    if !matches!(fair.status.as_str(), "published" | "closed") {
        return Err(AppError::Conflict("err_fair_not_running".into()));
    }
    let now = ctx.now_ms();
    let mut tx = db.begin_write().await?;
    let first = visitor::check_in(&mut tx, registration_id, user.account_id, now).await?;
    if let Some(booth_id) = booth_id {
        visitor::record_visit(&mut tx, db.backend, booth_id, registration_id, now).await?;
    }
    let checked_in_at_ms = visitor::checked_in_at(&mut tx, registration_id).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "fair.check_in",
            "fair_registration",
            Some(registration_id.to_string()),
        )
        .about(seeker_id)
        .detail(if first { "first" } else { "again" }),
    )
    .await?;
    tx.commit().await?;
    Ok(CheckInOutcome {
        first_check_in: first,
        checked_in_at_ms,
        visitor,
        fair_name: fair.name,
        booth_visit: booth_id.is_some(),
    })
}
