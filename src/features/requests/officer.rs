//! What the officer does with a request waiting for the office: takes it into review, asks for a
//! correction (the applicant's 14-working-day window starts), approves or registers it (the document is
//! issued), or refuses it with a reason. Each decision once: a guarded UPDATE on the expected status.
use crate::{
    core::{
        calendar::{parse_date, wib_date},
        error::AppError,
        review::Decision,
    },
    features::requests::{
        engine::{self, Actor},
        model::{
            RequestStatus, Values,
            clock::{PHK_OBJECTION_WORKING_DAYS, decision_due_ms, deemed_approved},
        },
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
    // Past the statutory decision period the law already deems the filing approved (UU 13/2003 Ps 112):
    // only the daily job's deemed approval applies, no refusal or correction any more.
    let deemed = row.deemed_approval == 1;
    if deemed && row.due_at_ms.is_some_and(|due| deemed_approved(due, now)) {
        return Err(AppError::Conflict("requests_err_deemed".into()));
    }
    if row.rule == "phk" && decision == "approve" {
        phk_may_register(db, &row, now).await?;
    }
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
    let guard = write::Guard {
        not_past_due: deemed.then_some(now),
        no_objection: row.rule == "phk" && to == RequestStatus::Registered,
        only_submitted: to == RequestStatus::InReview,
    };
    if !write::decide(&mut *tx, id, to.as_str(), due, now, guard).await? {
        return Err(decision_conflict(db, id, now).await);
    }
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
    // The worker a PHK report is about hears how it ended, as they heard it was filed.
    if let (true, Some(hash)) = (row.rule == "phk", row.worker_nik_hash.as_deref()) {
        let key = match to {
            RequestStatus::Registered => Some("requests_notice_phk_worker_registered"),
            RequestStatus::Refused => Some("requests_notice_phk_worker_refused"),
            _ => None,
        };
        if let Some(key) = key {
            engine::tell_worker(&mut tx, &url, &row, hash, key, now).await?;
        }
    }
    let audit = ctx
        .audit("requests.decide", "request", Some(id.to_string()))
        .detail(to.as_str());
    review::finish(tx, vec![], audit).await
}

/// The day the worker's 7 working days to object to a PHK report end (PP 35/2021 Ps 39), from the notice
/// date the company entered; `None` when the report carries no readable date.
pub fn objection_until(
    cal: &crate::core::calendar::HolidayCalendar,
    row: &repo::RequestRow,
) -> Option<time::Date> {
    let values: Values = serde_json::from_str(&row.data_json).unwrap_or_default();
    let notice = values.get("notice_date").and_then(|d| parse_date(d))?;
    Some(cal.add_working_days(notice, PHK_OBJECTION_WORKING_DAYS))
}

/// A PHK report is registered only when the worker did not object within the window (PP 35/2021 Ps 39(2));
/// an objected report goes to the bipartite/dispute procedure instead.
async fn phk_may_register(
    db: &crate::server::db::Db,
    row: &repo::RequestRow,
    now: i64,
) -> Result<(), AppError> {
    if row.objection.is_some() {
        return Err(AppError::Conflict("requests_err_phk_objected".into()));
    }
    let cal = reference::holiday_calendar(db).await?;
    if objection_until(&cal, row).is_some_and(|until| wib_date(now) <= until) {
        return Err(AppError::Conflict(
            "requests_err_objection_window_open".into(),
        ));
    }
    Ok(())
}

/// Why a guarded decision changed nothing: the period ran out, the worker objected meanwhile, or
/// someone else decided first.
async fn decision_conflict(db: &crate::server::db::Db, id: i64, now: i64) -> AppError {
    match repo::by_id(&db.pool, id).await {
        Ok(Some(row)) if row.objection.is_some() && row.rule == "phk" => {
            AppError::Conflict("requests_err_phk_objected".into())
        }
        Ok(Some(row))
            if row.deemed_approval == 1
                && row.due_at_ms.is_some_and(|due| deemed_approved(due, now)) =>
        {
            AppError::Conflict("requests_err_deemed".into())
        }
        _ => review::already_reviewed(),
    }
}
