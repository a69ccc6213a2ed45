//! The `job_applications` rows with their events and notes, the seeker's notices and invitations.
use sqlx::{AnyConnection, FromRow};

use crate::{
    core::error::AppError, features::vacancies::pipeline::ApplicationStatus, server::db::Db,
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

pub async fn record_event(
    conn: &mut AnyConnection,
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
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A new application (from the vacancy page or an accepted invitation).
pub struct NewApplication<'a> {
    pub vacancy_id: i64,
    pub seeker_id: i64,
    pub cover_note: Option<String>,
    pub score: Option<i64>,
    pub source: &'a str,
    pub now_ms: i64,
}

/// Files an application on `conn` (inside the caller's transaction): the vacancy must be open and the seeker
/// must not have applied before.
pub async fn insert_application(
    conn: &mut AnyConnection,
    db: &Db,
    new: NewApplication<'_>,
) -> Result<i64, AppError> {
    let NewApplication {
        vacancy_id,
        seeker_id,
        cover_note,
        score,
        source,
        now_ms,
    } = new;
    let open: Option<(String,)> = sqlx::query_as(
        "SELECT title FROM vacancies WHERE id = $1 AND status = 'published' AND deadline >= $2",
    )
    .bind(vacancy_id)
    .bind(crate::core::calendar::format_date(
        crate::core::calendar::wib_date(now_ms),
    ))
    .fetch_optional(&mut *conn)
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
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id,)) = inserted else {
        return Err(AppError::Conflict("err_already_applied".into()));
    };
    record_event(
        conn,
        id,
        now_ms,
        seeker_id,
        None,
        ApplicationStatus::Received,
    )
    .await?;
    Ok(id)
}

/// Whether the seeker has a profile (applying shares it).
pub async fn has_profile(db: &Db, account_id: i64) -> Result<bool, sqlx::Error> {
    let profile: Option<(i64,)> =
        sqlx::query_as("SELECT account_id FROM seeker_profiles WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(profile.is_some())
}

/// Marks the application as made at a job fair.
pub async fn set_fair(
    conn: &mut AnyConnection,
    application_id: i64,
    fair_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE job_applications SET fair_id = $1 WHERE id = $2")
        .bind(fair_id)
        .bind(application_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The status of the seeker's own application.
pub async fn seeker_status(
    conn: &mut AnyConnection,
    application_id: i64,
    seeker_id: i64,
) -> Result<Option<(String,)>, sqlx::Error> {
    sqlx::query_as("SELECT status FROM job_applications WHERE id = $1 AND seeker_account_id = $2")
        .bind(application_id)
        .bind(seeker_id)
        .fetch_optional(&mut *conn)
        .await
}

/// Moves an application from the status the caller read to `to`. Guarded by that status: on PostgreSQL two
/// identical requests may both have read it; the second waits for the first's row lock, finds the status
/// changed, writes nothing (no second event, notice or audit row) and gets a conflict.
pub async fn set_status(
    conn: &mut AnyConnection,
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
    .execute(&mut *conn)
    .await?;
    if moved.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_done".into()));
    }
    Ok(())
}

#[derive(FromRow)]
pub struct OwnedApplication {
    pub status: String,
    pub seeker_account_id: i64,
    pub title: String,
    pub email: String,
}

/// The application, if it belongs to a vacancy of `company_id` (otherwise not found: a company cannot
/// even learn that another company's application exists).
pub async fn owned_application(
    conn: &mut AnyConnection,
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
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)
}

pub async fn insert_note(
    conn: &mut AnyConnection,
    application_id: i64,
    author_id: i64,
    body: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO job_application_notes (application_id, author_account_id, body, created_at_ms) VALUES ($1, $2, $3, $4)",
    )
    .bind(application_id)
    .bind(author_id)
    .bind(body)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(FromRow)]
pub struct CandidateRow {
    pub id: i64,
    pub seeker_account_id: i64,
    pub status: String,
    pub cover_note: Option<String>,
    pub match_score: Option<i64>,
    pub created_at_ms: i64,
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub education_level: Option<String>,
    pub skills: Option<String>,
}

/// The people who applied for a vacancy (withdrawn ones apart), first come first.
pub async fn candidates(db: &Db, vacancy_id: i64) -> Result<Vec<CandidateRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.seeker_account_id, a.status, a.cover_note, a.match_score, a.created_at_ms, acc.full_name, \
         acc.email, acc.phone, p.education_level, p.skills FROM job_applications a \
         JOIN accounts acc ON acc.id = a.seeker_account_id \
         LEFT JOIN seeker_profiles p ON p.account_id = a.seeker_account_id \
         WHERE a.vacancy_id = $1 AND a.status <> 'withdrawn' ORDER BY a.created_at_ms, a.id",
    )
    .bind(vacancy_id)
    .fetch_all(&db.pool)
    .await
}

/// The company's notes on a vacancy's applications: `(application_id, body, created_at_ms)`.
pub async fn notes(db: &Db, vacancy_id: i64) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT n.application_id, n.body, n.created_at_ms FROM job_application_notes n \
         JOIN job_applications a ON a.id = n.application_id WHERE a.vacancy_id = $1 ORDER BY n.created_at_ms, n.id",
    )
    .bind(vacancy_id)
    .fetch_all(&db.pool)
    .await
}

#[derive(FromRow)]
pub struct MyApplicationRow {
    pub id: i64,
    pub vacancy_id: i64,
    pub title: String,
    pub company_name: String,
    pub status: String,
}

/// The seeker's applications, newest first.
pub async fn seeker_applications(
    db: &Db,
    seeker_id: i64,
) -> Result<Vec<MyApplicationRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.vacancy_id, v.title, c.name AS company_name, a.status FROM job_applications a \
         JOIN vacancies v ON v.id = a.vacancy_id JOIN companies c ON c.id = v.company_id \
         WHERE a.seeker_account_id = $1 ORDER BY a.created_at_ms DESC, a.id DESC LIMIT 200",
    )
    .bind(seeker_id)
    .fetch_all(&db.pool)
    .await
}

/// The steps of the seeker's applications: `(application_id, to_status, at_ms)`.
pub async fn seeker_events(
    db: &Db,
    seeker_id: i64,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.application_id, e.to_status, e.at_ms FROM job_application_events e \
         JOIN job_applications a ON a.id = e.application_id WHERE a.seeker_account_id = $1 ORDER BY e.at_ms, e.id",
    )
    .bind(seeker_id)
    .fetch_all(&db.pool)
    .await
}

/// The seeker's invitations: `(id, vacancy_id, title, company_name, status)`.
pub async fn seeker_invitations(
    db: &Db,
    seeker_id: i64,
) -> Result<Vec<(i64, i64, String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.id, i.vacancy_id, v.title, c.name, i.status FROM candidate_invitations i \
         JOIN vacancies v ON v.id = i.vacancy_id JOIN companies c ON c.id = v.company_id \
         WHERE i.seeker_account_id = $1 ORDER BY i.created_at_ms DESC LIMIT 50",
    )
    .bind(seeker_id)
    .fetch_all(&db.pool)
    .await
}

#[derive(FromRow)]
pub struct NoticeRow {
    pub message_key: String,
    pub params: String,
    pub link: Option<String>,
    pub created_at_ms: i64,
    pub read_at_ms: Option<i64>,
}

/// The latest notices of an account.
pub async fn notices(db: &Db, account_id: i64) -> Result<Vec<NoticeRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT message_key, params, link, created_at_ms, read_at_ms FROM notifications \
         WHERE account_id = $1 ORDER BY created_at_ms DESC, id DESC LIMIT 30",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await
}

/// The vacancy of the seeker's open invitation.
pub async fn open_invitation(
    db: &Db,
    invitation_id: i64,
    seeker_id: i64,
) -> Result<Option<(i64,)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT vacancy_id FROM candidate_invitations WHERE id = $1 AND seeker_account_id = $2 AND status = 'invited'",
    )
    .bind(invitation_id)
    .bind(seeker_id)
    .fetch_optional(&db.pool)
    .await
}

/// Records the seeker's answer, guarded by `status = 'invited'`; returns the rows changed.
pub async fn answer_invitation(
    conn: &mut AnyConnection,
    invitation_id: i64,
    seeker_id: i64,
    status: &str,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let answered = sqlx::query(
        "UPDATE candidate_invitations SET status = $1, answered_at_ms = $2 \
         WHERE id = $3 AND seeker_account_id = $4 AND status = 'invited'",
    )
    .bind(status)
    .bind(now_ms)
    .bind(invitation_id)
    .bind(seeker_id)
    .execute(&mut *conn)
    .await?;
    Ok(answered.rows_affected())
}
