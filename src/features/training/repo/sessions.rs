//! Sessions and their attendance, the provider's participant list.
use sqlx::AnyConnection;

use crate::{
    core::error::AppError,
    features::training::model::{Participant, SessionSheet, attendance_share},
    server::db::Db,
};

pub async fn insert(
    conn: &mut AnyConnection,
    programme_id: i64,
    session_on: &str,
    topic: &str,
    now: i64,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO training_sessions (programme_id, session_on, topic, created_at_ms) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(programme_id)
    .bind(session_on)
    .bind(topic)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// The session's programme, when the session belongs to the provider (`owner`: company id, 0 office).
pub async fn programme_of(
    conn: &mut AnyConnection,
    session_id: i64,
    owner: i64,
) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT s.programme_id FROM training_sessions s JOIN training_programmes p ON p.id = s.programme_id \
         WHERE s.id = $1 AND COALESCE(p.company_id, 0) = $2",
    )
    .bind(session_id)
    .bind(owner)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Marks one participant present or absent at a session (an accepted participant of its programme).
pub async fn mark(
    conn: &mut AnyConnection,
    session_id: i64,
    registration_id: i64,
    present: bool,
    by: i64,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO training_attendance (session_id, registration_id, present, recorded_by, recorded_at_ms) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (session_id, registration_id) \
         DO UPDATE SET present = excluded.present, recorded_by = excluded.recorded_by, recorded_at_ms = excluded.recorded_at_ms",
    )
    .bind(session_id)
    .bind(registration_id)
    .bind(i64::from(present))
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn sheets(db: &Db, programme_id: i64) -> Result<Vec<SessionSheet>, AppError> {
    let sessions: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, session_on, topic FROM training_sessions WHERE programme_id = $1 ORDER BY session_on, id",
    )
    .bind(programme_id)
    .fetch_all(&db.pool)
    .await?;
    let present: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT t.session_id, t.registration_id FROM training_attendance t JOIN training_sessions s ON s.id = t.session_id \
         WHERE s.programme_id = $1 AND t.present = 1",
    )
    .bind(programme_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(sessions
        .into_iter()
        .map(|(id, session_on, topic)| SessionSheet {
            id,
            session_on,
            topic,
            present: present
                .iter()
                .filter(|(s, _)| *s == id)
                .map(|(_, r)| *r)
                .collect(),
        })
        .collect())
}

/// `(registration id, name, status, reserve rank, sessions present, certificate code)`.
type ParticipantRow = (i64, String, String, Option<i64>, i64, Option<String>);

/// The programme's participants (not withdrawn), places first, reserves in order, with attendance.
pub async fn participants(db: &Db, programme_id: i64) -> Result<Vec<Participant>, AppError> {
    let (sessions,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM training_sessions WHERE programme_id = $1")
            .bind(programme_id)
            .fetch_one(&db.pool)
            .await?;
    let rows: Vec<ParticipantRow> = sqlx::query_as(
        "SELECT g.id, a.full_name, g.status, g.reserve_rank, \
         (SELECT COUNT(*) FROM training_attendance t WHERE t.registration_id = g.id AND t.present = 1), g.certificate_code \
         FROM training_registrations g JOIN accounts a ON a.id = g.seeker_account_id \
         WHERE g.programme_id = $1 AND g.status <> 'withdrawn' \
         ORDER BY CASE WHEN g.status = 'reserve' THEN 1 WHEN g.status = 'not_accepted' THEN 2 ELSE 0 END, \
         g.reserve_rank, g.id LIMIT 1000",
    )
    .bind(programme_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(registration_id, name, status, reserve_rank, present, certificate_code)| {
                Participant {
                    registration_id,
                    name,
                    status,
                    reserve_rank,
                    attendance_share: attendance_share(present, sessions),
                    certificate_code,
                }
            },
        )
        .collect())
}
