//! Applications: a seeker applies with their profile (once per vacancy), follows each step and may
//! withdraw; the company moves candidates through its pipeline and keeps notes only it sees. Every move is
//! an event, notifies the seeker, and is audit-logged; *hired* records a placement in the same transaction.
use std::collections::HashMap;

use sqlx::{Any, FromRow, Transaction};

use crate::{
    core::{error::AppError, role::Role},
    features::vacancies::{
        pipeline::{ApplicationStatus, MAX_COMPANY_NOTE, MAX_COVER_NOTE},
        placements,
        service::{company_of, own_vacancy},
        suggestions,
        views::{
            CompanyNote, Invitation, MyApplication, MyJobs, Notice, Pipeline, PipelineCandidate,
            TimelineStep,
        },
    },
    server::{audit, authz::RequestCtx, db::Db, error::internal, notify},
};

pub async fn status_of(
    db: &Db,
    vacancy_id: i64,
    seeker_id: i64,
) -> Result<Option<ApplicationStatus>, AppError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT status FROM job_applications WHERE vacancy_id = $1 AND seeker_account_id = $2",
    )
    .bind(vacancy_id)
    .bind(seeker_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(|(s,)| ApplicationStatus::parse(&s)))
}

async fn record_event(
    tx: &mut Transaction<'static, Any>,
    application_id: i64,
    now_ms: i64,
    actor: i64,
    from: Option<ApplicationStatus>,
    to: ApplicationStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO job_application_events (application_id, at_ms, actor_account_id, from_status, to_status) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(application_id)
    .bind(now_ms)
    .bind(actor)
    .bind(from.map(ApplicationStatus::as_str))
    .bind(to.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The match score an application records; read before its transaction begins: read inside it, it would
/// take a second pool connection while holding one, and a crowd of applicants then holds every connection
/// while waiting for another (all time out).
async fn match_score(db: &Db, seeker_id: i64, vacancy_id: i64) -> Result<Option<i64>, AppError> {
    Ok(suggestions::score_for(db, seeker_id, vacancy_id)
        .await?
        .map(|s| i64::from(s.score)))
}

/// Files an application inside `tx` (from the vacancy page or an accepted invitation).
#[allow(clippy::too_many_arguments)]
async fn insert_application(
    tx: &mut Transaction<'static, Any>,
    db: &Db,
    vacancy_id: i64,
    seeker_id: i64,
    cover_note: Option<String>,
    score: Option<i64>,
    source: &str,
    now_ms: i64,
) -> Result<i64, AppError> {
    let open: Option<(String,)> = sqlx::query_as(
        "SELECT title FROM vacancies WHERE id = $1 AND status = 'published' AND deadline >= $2",
    )
    .bind(vacancy_id)
    .bind(crate::core::calendar::format_date(
        crate::core::calendar::wib_date(now_ms),
    ))
    .fetch_optional(&mut **tx)
    .await?;
    if open.is_none() {
        return Err(AppError::Conflict("err_vacancy_not_open".into()));
    }
    let inserted: Option<(i64,)> = sqlx::query_as(&format!(
        "INSERT INTO job_applications (vacancy_id, seeker_account_id, status, cover_note, match_score, source, \
         created_at_ms, updated_at_ms) VALUES ($1, $2, 'received', $3, $4, $5, $6, $6){} RETURNING id",
        db.backend
            .insert_ignore_suffix("vacancy_id, seeker_account_id")
    ))
    .bind(vacancy_id)
    .bind(seeker_id)
    .bind(cover_note)
    .bind(score)
    .bind(source)
    .bind(now_ms)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((id,)) = inserted else {
        return Err(AppError::Conflict("err_already_applied".into()));
    };
    record_event(tx, id, now_ms, seeker_id, None, ApplicationStatus::Received).await?;
    Ok(id)
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
    let profile: Option<(i64,)> =
        sqlx::query_as("SELECT account_id FROM seeker_profiles WHERE account_id = $1")
            .bind(seeker.account_id)
            .fetch_optional(&ctx.state.db.pool)
            .await?;
    if profile.is_none() {
        return Err(AppError::Conflict("err_apply_profile_first".into()));
    }
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let score = match_score(db, seeker.account_id, vacancy_id).await?;
    let mut tx = db.begin_write().await?;
    let note = Some(cover_note.to_owned()).filter(|n| !n.is_empty());
    let id = insert_application(
        &mut tx,
        db,
        vacancy_id,
        seeker.account_id,
        note,
        score,
        "portal",
        now,
    )
    .await?;
    if let Some(fair_id) = fair_id {
        sqlx::query("UPDATE job_applications SET fair_id = $1 WHERE id = $2")
            .bind(fair_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
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
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT status FROM job_applications WHERE id = $1 AND seeker_account_id = $2",
    )
    .bind(application_id)
    .bind(seeker.account_id)
    .fetch_optional(&mut *tx)
    .await?;
    let from = row
        .and_then(|(s,)| ApplicationStatus::parse(&s))
        .ok_or(AppError::NotFound)?;
    if !from.seeker_may_withdraw() {
        return Err(AppError::Conflict("err_application_final".into()));
    }
    set_status(
        &mut tx,
        application_id,
        from,
        ApplicationStatus::Withdrawn,
        now,
    )
    .await?;
    record_event(
        &mut tx,
        application_id,
        now,
        seeker.account_id,
        Some(from),
        ApplicationStatus::Withdrawn,
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

/// Moves an application from the status the caller read to `to`. Guarded by that status: on PostgreSQL two
/// identical requests may both have read it; the second waits for the first's row lock, finds the status
/// changed, writes nothing (no second event, notice or audit row) and gets a conflict.
async fn set_status(
    tx: &mut Transaction<'static, Any>,
    application_id: i64,
    from: ApplicationStatus,
    to: ApplicationStatus,
    now_ms: i64,
) -> Result<(), AppError> {
    let moved = sqlx::query(
        "UPDATE job_applications SET status = $1, updated_at_ms = $2 WHERE id = $3 AND status = $4",
    )
    .bind(to.as_str())
    .bind(now_ms)
    .bind(application_id)
    .bind(from.as_str())
    .execute(&mut **tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_done".into()));
    }
    Ok(())
}

#[derive(FromRow)]
struct OwnedApplication {
    status: String,
    seeker_account_id: i64,
    title: String,
    email: String,
}

/// The application, if it belongs to a vacancy of `company_id` (otherwise not found: a company cannot
/// even learn that another company's application exists).
async fn owned_application(
    tx: &mut Transaction<'static, Any>,
    application_id: i64,
    company_id: i64,
) -> Result<OwnedApplication, AppError> {
    sqlx::query_as(
        "SELECT a.status, a.seeker_account_id, v.title, acc.email FROM job_applications a \
         JOIN vacancies v ON v.id = a.vacancy_id JOIN accounts acc ON acc.id = a.seeker_account_id \
         WHERE a.id = $1 AND v.company_id = $2",
    )
    .bind(application_id)
    .bind(company_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)
}

/// The company moves a candidate; *hired* also records the placement and closes the AK-1.
pub async fn move_to(
    ctx: &RequestCtx,
    application_id: i64,
    to: ApplicationStatus,
) -> Result<(), AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let application = owned_application(&mut tx, application_id, company_id).await?;
    let from = ApplicationStatus::parse(&application.status)
        .ok_or_else(|| internal("stored application status unreadable"))?;
    if !from.company_may_move_to(to) {
        return Err(AppError::Conflict("err_application_move".into()));
    }
    set_status(&mut tx, application_id, from, to, now).await?;
    record_event(&mut tx, application_id, now, account_id, Some(from), to).await?;
    if to == ApplicationStatus::Hired {
        placements::record_hire(ctx, &mut tx, application_id, company_id).await?;
    }
    notify::send(
        &mut tx,
        notify::Notice {
            account_id: application.seeker_account_id,
            message_key: notice_key(to),
            subject: &application.title,
            link: Some("/akun/lamaran".to_owned()),
            now_ms: now,
            email: Some(notify::Email {
                to: &application.email,
                public_url: &ctx.state.config.server.public_url,
            }),
        },
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "application.move",
            "job_application",
            Some(application_id.to_string()),
        )
        .about(application.seeker_account_id)
        .detail(to.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn notice_key(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Screened => "notice_app_screened",
        ApplicationStatus::Interview => "notice_app_interview",
        ApplicationStatus::Offered => "notice_app_offered",
        ApplicationStatus::Hired => "notice_app_hired",
        ApplicationStatus::NotSelected => "notice_app_not_selected",
        ApplicationStatus::Received | ApplicationStatus::Withdrawn => "notice_app_received",
    }
}

pub async fn add_note(ctx: &RequestCtx, application_id: i64, body: &str) -> Result<(), AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    let body = body.trim();
    if !(1..=MAX_COMPANY_NOTE).contains(&body.chars().count()) {
        return Err(AppError::field("body", "err_text_length"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    owned_application(&mut tx, application_id, company_id).await?;
    sqlx::query(
        "INSERT INTO job_application_notes (application_id, author_account_id, body, created_at_ms) VALUES ($1, $2, $3, $4)",
    )
    .bind(application_id)
    .bind(account_id)
    .bind(body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "application.note",
            "job_application",
            Some(application_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(FromRow)]
struct CandidateRow {
    id: i64,
    seeker_account_id: i64,
    status: String,
    cover_note: Option<String>,
    match_score: Option<i64>,
    created_at_ms: i64,
    full_name: String,
    email: String,
    phone: Option<String>,
    education_level: Option<String>,
    skills: Option<String>,
}

/// The company's pipeline for one of its vacancies: the people who applied (they chose to share their
/// profile with this company), with the company's own notes. Reading it is audit-logged per person.
pub async fn pipeline(ctx: &RequestCtx, vacancy_id: i64) -> Result<Pipeline, AppError> {
    let (_, company_id) = company_of(ctx)?;
    let db = &ctx.state.db;
    let vacancy = own_vacancy(db, vacancy_id, company_id).await?;
    let rows: Vec<CandidateRow> = sqlx::query_as(
        "SELECT a.id, a.seeker_account_id, a.status, a.cover_note, a.match_score, a.created_at_ms, acc.full_name, \
         acc.email, acc.phone, p.education_level, p.skills FROM job_applications a \
         JOIN accounts acc ON acc.id = a.seeker_account_id \
         LEFT JOIN seeker_profiles p ON p.account_id = a.seeker_account_id \
         WHERE a.vacancy_id = $1 AND a.status <> 'withdrawn' ORDER BY a.created_at_ms, a.id",
    )
    .bind(vacancy_id)
    .fetch_all(&db.pool)
    .await?;
    let notes: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT n.application_id, n.body, n.created_at_ms FROM job_application_notes n \
         JOIN job_applications a ON a.id = n.application_id WHERE a.vacancy_id = $1 ORDER BY n.created_at_ms, n.id",
    )
    .bind(vacancy_id)
    .fetch_all(&db.pool)
    .await?;
    let mut notes_by: HashMap<i64, Vec<CompanyNote>> = HashMap::new();
    for (application_id, body, at_ms) in notes {
        notes_by
            .entry(application_id)
            .or_default()
            .push(CompanyNote { body, at_ms });
    }
    let mut tx = db.begin_write().await?;
    for row in &rows {
        audit::record(
            &mut *tx,
            ctx.audit(
                "application.read",
                "job_application",
                Some(row.id.to_string()),
            )
            .about(row.seeker_account_id),
        )
        .await?;
    }
    tx.commit().await?;
    let candidates = rows
        .into_iter()
        .filter_map(|row| {
            Some(PipelineCandidate {
                application_id: row.id,
                status: ApplicationStatus::parse(&row.status)?,
                name: row.full_name,
                email: row.email,
                phone: row.phone,
                education: row.education_level,
                skills: row.skills.unwrap_or_default(),
                cover_note: row.cover_note,
                score: row.match_score,
                applied_at_ms: row.created_at_ms,
                notes: notes_by.remove(&row.id).unwrap_or_default(),
            })
        })
        .collect();
    Ok(Pipeline {
        vacancy,
        candidates,
    })
}

#[derive(FromRow)]
struct MyApplicationRow {
    id: i64,
    vacancy_id: i64,
    title: String,
    company_name: String,
    status: String,
}

/// The seeker's applications with their timelines, open invitations and inbox (read when shown).
pub async fn my_jobs(ctx: &RequestCtx) -> Result<MyJobs, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    let rows: Vec<MyApplicationRow> = sqlx::query_as(
        "SELECT a.id, a.vacancy_id, v.title, c.name AS company_name, a.status FROM job_applications a \
         JOIN vacancies v ON v.id = a.vacancy_id JOIN companies c ON c.id = v.company_id \
         WHERE a.seeker_account_id = $1 ORDER BY a.created_at_ms DESC, a.id DESC LIMIT 200",
    )
    .bind(seeker.account_id)
    .fetch_all(&db.pool)
    .await?;
    let events: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT e.application_id, e.to_status, e.at_ms FROM job_application_events e \
         JOIN job_applications a ON a.id = e.application_id WHERE a.seeker_account_id = $1 ORDER BY e.at_ms, e.id",
    )
    .bind(seeker.account_id)
    .fetch_all(&db.pool)
    .await?;
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
    let invitations: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT i.id, i.vacancy_id, v.title, c.name, i.status FROM candidate_invitations i \
         JOIN vacancies v ON v.id = i.vacancy_id JOIN companies c ON c.id = v.company_id \
         WHERE i.seeker_account_id = $1 ORDER BY i.created_at_ms DESC LIMIT 50",
    )
    .bind(seeker.account_id)
    .fetch_all(&db.pool)
    .await?;
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

#[derive(FromRow)]
struct NoticeRow {
    message_key: String,
    params: String,
    link: Option<String>,
    created_at_ms: i64,
    read_at_ms: Option<i64>,
}

/// The latest notices of an account, marked read once shown.
pub async fn inbox(ctx: &RequestCtx, account_id: i64) -> Result<Vec<Notice>, AppError> {
    let db = &ctx.state.db;
    let rows: Vec<NoticeRow> = sqlx::query_as(
        "SELECT message_key, params, link, created_at_ms, read_at_ms FROM notifications \
         WHERE account_id = $1 ORDER BY created_at_ms DESC, id DESC LIMIT 30",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?;
    if rows.iter().any(|r| r.read_at_ms.is_none()) {
        sqlx::query(
            "UPDATE notifications SET read_at_ms = $1 WHERE account_id = $2 AND read_at_ms IS NULL",
        )
        .bind(ctx.now_ms())
        .bind(account_id)
        .execute(&db.pool)
        .await?;
    }
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
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT vacancy_id FROM candidate_invitations WHERE id = $1 AND seeker_account_id = $2 AND status = 'invited'",
    )
    .bind(invitation_id)
    .bind(seeker.account_id)
    .fetch_optional(&db.pool)
    .await?;
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
    let answered = sqlx::query(
        "UPDATE candidate_invitations SET status = $1, answered_at_ms = $2 \
         WHERE id = $3 AND seeker_account_id = $4 AND status = 'invited'",
    )
    .bind(status)
    .bind(now)
    .bind(invitation_id)
    .bind(seeker.account_id)
    .execute(&mut *tx)
    .await?;
    if answered.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_done".into()));
    }
    if accept {
        insert_application(
            &mut tx,
            db,
            vacancy_id,
            seeker.account_id,
            None,
            score,
            "invitation",
            now,
        )
        .await?;
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
