//! What the officer does with a request waiting for the office: takes it into review, asks for a
//! correction (the applicant's 14-working-day window starts), approves or registers it (the document is
//! issued), or refuses it with a reason. Each decision once: a guarded UPDATE on the expected status.
use crate::{
    core::{error::AppError, review::Decision},
    features::requests::{
        engine::{self, Actor},
        model::{RequestStatus, clock::decision_due_ms},
        repo::{self, write},
    },
    server::{authz::RequestCtx, reference, review},
};

/// `decision` is "review", "approve", "revise" (with a reason) or "reject" (with a reason).
pub async fn decide(
    ctx: &RequestCtx,
    id: i64,
    decision: &str,
    reason: &str,
) -> Result<(), AppError> {
    let officer = ctx.require_staff()?;
    let actor = Actor {
        account_id: Some(officer.account_id),
        role: officer.role.as_str(),
    };
    let db = &ctx.state.db;
    let row = repo::by_id(&db.pool, id).await?.ok_or(AppError::NotFound)?;
    if row.decider != "officer" {
        return Err(AppError::Conflict("requests_err_not_decidable".into()));
    }
    let now = ctx.now_ms();
    let from = RequestStatus::parse(&row.status)
        .filter(|s| s.with_office())
        .ok_or_else(review::already_reviewed)?;
    let (to, due, reason) = if decision == "review" {
        (RequestStatus::InReview, row.due_at_ms, None)
    } else {
        let decision =
            Decision::parse(decision).ok_or_else(|| AppError::field("decision", "err_choose"))?;
        let reason = review::reason(decision, reason)?;
        match decision {
            Decision::Approve => {
                let to = if row.issued_status == "registered" {
                    RequestStatus::Registered
                } else {
                    RequestStatus::Approved
                };
                (to, None, reason)
            }
            Decision::Reject => (RequestStatus::Refused, None, reason),
            Decision::Revise => {
                let cal = reference::holiday_calendar(db).await?;
                let days = u32::try_from(row.correction_working_days).unwrap_or(14);
                (
                    RequestStatus::CorrectionRequested,
                    Some(decision_due_ms(&cal, now, days)),
                    reason,
                )
            }
        }
    };
    let mut tx = db.begin_write().await?;
    review::claimed(
        write::transition(
            &mut *tx,
            id,
            None,
            &["submitted", "in_review"],
            to.as_str(),
            due,
            now,
        )
        .await?,
    )?;
    let url = ctx.state.config.server.public_url.clone();
    engine::record(
        &mut tx,
        &url,
        &row,
        Some(from),
        to,
        actor,
        reason.as_deref(),
        now,
    )
    .await?;
    if matches!(
        to,
        RequestStatus::Approved | RequestStatus::Registered | RequestStatus::Refused
    ) {
        engine::finish(&mut tx, &row, to, now).await?;
    }
    let audit = ctx
        .audit("requests.decide", "request", Some(id.to_string()))
        .detail(to.as_str());
    review::finish(tx, vec![], audit).await
}
