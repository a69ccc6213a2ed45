//! What a job seeker does: apply (once per vacancy, from the vacancy page or a job-fair booth), withdraw,
//! follow their applications, invitations and notices ("my jobs"), and answer an invitation.
use std::collections::HashMap;

use crate::{
    core::{error::AppError, role::Role},
    features::vacancies::{
        pipeline::{ApplicationStatus, MAX_COVER_NOTE},
        repo::applications::{self as applications_repo, NewApplication},
        suggestions,
        views::{Invitation, MyApplication, MyJobs, Notice, TimelineStep},
    },
    server::{audit, authz::RequestCtx, db::Db, notify},
};

/// The match score an application records; read before its transaction begins: read inside it, it would
/// take a second pool connection while holding one, and a crowd of applicants then holds every connection
/// while waiting for another (all time out).
async fn match_score(db: &Db, seeker_id: i64, vacancy_id: i64) -> Result<Option<i64>, AppError> {
    Ok(suggestions::score_for(db, seeker_id, vacancy_id)
        .await?
        .map(|s| i64::from(s.score)))
}

pub async fn apply(ctx: &RequestCtx, vacancy_id: i64, cover_note: &str) -> Result<i64, AppError> {
    apply_from(ctx, vacancy_id, cover_note, None).await
}

/// Applies for a vacancy; `fair_id` when the application is made at a job-fair booth (it then counts
/// for the fair's report).
pub async fn apply_from(
    ctx: &RequestCtx,
    vacancy_id: i64,
    cover_note: &str,
    fair_id: Option<i64>,
) -> Result<i64, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let cover_note = cover_note.trim();
    if cover_note.chars().count() > MAX_COVER_NOTE {
        return Err(AppError::field("cover_note", "err_text_length"));
    }
    if !applications_repo::has_profile(&ctx.state.db, seeker.account_id).await? {
        return Err(AppError::Conflict("err_apply_profile_first".into()));
    }
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let score = match_score(db, seeker.account_id, vacancy_id).await?;
    let mut tx = db.begin_write().await?;
    let new = NewApplication {
        vacancy_id,
        seeker_id: seeker.account_id,
        cover_note: Some(cover_note.to_owned()).filter(|n| !n.is_empty()),
        score,
        source: "portal",
        now_ms: now,
    };
    let id = applications_repo::insert_application(&mut tx, db, new).await?;
    if let Some(fair_id) = fair_id {
        applications_repo::set_fair(&mut tx, id, fair_id).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "application.create",
            "job_application",
            Some(id.to_string()),
        )
        .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn withdraw(ctx: &RequestCtx, application_id: i64) -> Result<(), AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let row = applications_repo::seeker_status(&mut tx, application_id, seeker.account_id).await?;
    let from = row
        .and_then(|(s,)| ApplicationStatus::parse(&s))
        .ok_or(AppError::NotFound)?;
    if !from.seeker_may_withdraw() {
        return Err(AppError::Conflict("err_application_final".into()));
    }
    let to = ApplicationStatus::Withdrawn;
    applications_repo::set_status(&mut tx, application_id, from, to, now).await?;
    applications_repo::record_event(
        &mut tx,
        application_id,
        now,
        seeker.account_id,
        Some(from),
        to,
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "application.withdraw",
            "job_application",
            Some(application_id.to_string()),
        )
        .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The seeker's applications with their timelines, open invitations and inbox (read when shown).
pub async fn my_jobs(ctx: &RequestCtx) -> Result<MyJobs, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    let rows = applications_repo::seeker_applications(db, seeker.account_id).await?;
    let events = applications_repo::seeker_events(db, seeker.account_id).await?;
    let mut timelines: HashMap<i64, Vec<TimelineStep>> = HashMap::new();
    for (application_id, status, at_ms) in events {
        if let Some(status) = ApplicationStatus::parse(&status) {
            timelines
                .entry(application_id)
                .or_default()
                .push(TimelineStep { status, at_ms });
        }
    }
    let applications = rows
        .into_iter()
        .filter_map(|row| {
            Some(MyApplication {
                status: ApplicationStatus::parse(&row.status)?,
                timeline: timelines.remove(&row.id).unwrap_or_default(),
                id: row.id,
                vacancy_id: row.vacancy_id,
                title: row.title,
                company_name: row.company_name,
            })
        })
        .collect();
    let invitations = applications_repo::seeker_invitations(db, seeker.account_id).await?;
    let notices = inbox(ctx, seeker.account_id).await?;
    Ok(MyJobs {
        applications,
        invitations: invitations
            .into_iter()
            .map(|(id, vacancy_id, title, company_name, status)| Invitation {
                id,
                vacancy_id,
                title,
                company_name,
                status,
            })
            .collect(),
        notices,
    })
}

/// The latest notices of an account, as they are: showing them marks nothing read (only the inbox does,
/// by notice or category, audited).
pub async fn inbox(ctx: &RequestCtx, account_id: i64) -> Result<Vec<Notice>, AppError> {
    let rows = applications_repo::notices(&ctx.state.db, account_id).await?;
    Ok(rows
        .into_iter()
        .map(|row| Notice {
            subject: notify::render(ctx.lang, &row.message_key, &row.params),
            message_key: row.message_key,
            link: row.link,
            at_ms: row.created_at_ms,
            unread: row.read_at_ms.is_none(),
        })
        .collect())
}

/// The seeker accepts an invitation (which files an application and reveals them to the company) or
/// declines it.
pub async fn answer_invitation(
    ctx: &RequestCtx,
    invitation_id: i64,
    accept: bool,
) -> Result<(), AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let row = applications_repo::open_invitation(db, invitation_id, seeker.account_id).await?;
    let Some((vacancy_id,)) = row else {
        return Err(AppError::NotFound);
    };
    let score = if accept {
        match_score(db, seeker.account_id, vacancy_id).await?
    } else {
        None
    };
    let mut tx = db.begin_write().await?;
    let status = if accept { "accepted" } else { "declined" };
    // Guarded by the status read above: a second answer sent at the same moment changes nothing.
    let answered = applications_repo::answer_invitation(
        &mut tx,
        invitation_id,
        seeker.account_id,
        status,
        now,
    )
    .await?;
    if answered == 0 {
        return Err(AppError::Conflict("err_already_done".into()));
    }
    if accept {
        let new = NewApplication {
            vacancy_id,
            seeker_id: seeker.account_id,
            cover_note: None,
            score,
            source: "invitation",
            now_ms: now,
        };
        applications_repo::insert_application(&mut tx, db, new).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "candidate.answer",
            "candidate_invitation",
            Some(invitation_id.to_string()),
        )
        .about(seeker.account_id)
        .detail(status),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
