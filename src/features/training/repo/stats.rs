//! Figures (completion, placement at six months, rating), the wallet, certificates by code, and the
//! follow-up questions and answers.
use sqlx::AnyConnection;

use crate::{
    core::error::AppError,
    features::training::model::{
        ProgrammeStats, VerifiedSkill, completion_rate, placement_rate, rating_tenths,
    },
    server::db::Db,
};

/// Figures of one programme (`programme` > 0), with its latest comments, or of every programme of a
/// provider (`owner`, 0 office), without.
pub async fn figures(db: &Db, programme: i64, owner: i64) -> Result<ProgrammeStats, AppError> {
    let scope = if programme > 0 {
        "g.programme_id = $1"
    } else {
        "g.programme_id IN (SELECT id FROM training_programmes WHERE COALESCE(company_id, 0) = $1)"
    };
    let key = if programme > 0 { programme } else { owner };
    // The placement rate is over those asked at six months: one who finished last week cannot be working
    // "six months after" yet, and would only pull the rate down.
    let (finished, not_completed, asked, working, ratings, sum): (i64, i64, i64, i64, i64, i64) = sqlx::query_as(&format!(
        "SELECT CAST(COALESCE(SUM(CASE WHEN g.status IN ('completed', 'passed') THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN g.status = 'not_completed' THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN g.status IN ('completed', 'passed') AND g.followup6_asked_at_ms IS NOT NULL \
         THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN g.followup6_working = 1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN g.rating IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(g.rating), 0) AS BIGINT) FROM training_registrations g WHERE {scope}"
    ))
    .bind(key)
    .fetch_one(&db.pool)
    .await?;
    // The latest comments are shown for one programme; a provider's totals show figures only, and
    // sorting every registration of every programme for them cost the page tens of milliseconds.
    let comments: Vec<(String,)> = if programme > 0 {
        sqlx::query_as(
            "SELECT g.rating_comment FROM training_registrations g WHERE g.programme_id = $1 \
             AND g.rating_comment IS NOT NULL AND g.rating_comment <> '' ORDER BY g.updated_at_ms DESC LIMIT 5",
        )
        .bind(programme)
        .fetch_all(&db.pool)
        .await?
    } else {
        Vec::new()
    };
    Ok(ProgrammeStats {
        finished,
        not_completed,
        completion_rate: completion_rate(finished, not_completed),
        working_6m: working,
        placement_rate: placement_rate(working, asked),
        rating_tenths: rating_tenths(sum, ratings),
        ratings,
        comments: comments.into_iter().map(|(c,)| c).collect(),
    })
}

pub async fn wallet(db: &Db, account_id: i64) -> Result<Vec<VerifiedSkill>, AppError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT k.skill, p.title, k.certificate_code FROM training_skills k \
         JOIN training_registrations g ON g.id = k.registration_id JOIN training_programmes p ON p.id = g.programme_id \
         WHERE k.account_id = $1 ORDER BY k.id",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(skill, programme_title, certificate_code)| VerifiedSkill {
            skill,
            programme_title,
            certificate_code,
        })
        .collect())
}

/// A certificate by its code: `(registration id, holder, status, result_at_ms, programme id)`.
pub async fn certificate(
    db: &Db,
    code: &str,
) -> Result<Option<(i64, String, String, i64, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT g.id, a.full_name, g.status, COALESCE(g.result_at_ms, 0), g.programme_id FROM training_registrations g \
         JOIN accounts a ON a.id = g.seeker_account_id WHERE g.certificate_code = $1",
    )
    .bind(code)
    .fetch_optional(&db.pool)
    .await?)
}

/// The seeker's own certificate: `(code, programme id)`.
pub async fn own_certificate(
    db: &Db,
    registration_id: i64,
    account_id: i64,
) -> Result<Option<(String, i64)>, AppError> {
    let row: Option<(Option<String>, i64)> = sqlx::query_as(
        "SELECT certificate_code, programme_id FROM training_registrations WHERE id = $1 AND seeker_account_id = $2",
    )
    .bind(registration_id)
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(|(code, programme)| Some((code?, programme))))
}

/// Finished registrations whose `months` follow-up is due (result before `before_ms`, not yet asked):
/// `(id, seeker, e-mail, title, result_at_ms)`.
pub async fn followups_due(
    db: &Db,
    months: i64,
    before_ms: i64,
) -> Result<Vec<(i64, i64, String, String, i64)>, AppError> {
    let column = if months == 3 {
        "followup3_asked_at_ms"
    } else {
        "followup6_asked_at_ms"
    };
    Ok(sqlx::query_as(&format!(
        "SELECT g.id, g.seeker_account_id, a.email, p.title, g.result_at_ms FROM training_registrations g \
         JOIN accounts a ON a.id = g.seeker_account_id JOIN training_programmes p ON p.id = g.programme_id \
         WHERE g.status IN ('completed', 'passed') AND g.result_at_ms <= $1 AND g.{column} IS NULL ORDER BY g.id LIMIT 500"
    ))
    .bind(before_ms)
    .fetch_all(&db.pool)
    .await?)
}

/// A placement reported through the portal after `since_ms`: `(company name, position)`. One reported by
/// NIK that the person has not confirmed (pending, or rejected as "this was not me") does not answer for them.
pub async fn placement_since(
    conn: &mut AnyConnection,
    account_id: i64,
    since_ms: i64,
) -> Result<Option<(String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.name, l.position FROM placements l JOIN companies c ON c.id = l.company_id \
         WHERE l.seeker_account_id = $1 AND l.created_at_ms >= $2 AND l.confirmation IN ('none', 'confirmed') \
         ORDER BY l.id DESC LIMIT 1",
    )
    .bind(account_id)
    .bind(since_ms)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Marks the follow-up asked (and answered, when a placement answers it); false when it already was.
pub async fn mark_asked(
    conn: &mut AnyConnection,
    id: i64,
    months: i64,
    placement: Option<&(String, String)>,
    now: i64,
) -> Result<bool, AppError> {
    let n = if months == 3 { 3 } else { 6 };
    let done = sqlx::query(&format!(
        "UPDATE training_registrations SET followup{n}_asked_at_ms = $1, followup{n}_working = $2, \
         followup{n}_employer = $3, followup{n}_occupation = $4 WHERE id = $5 AND followup{n}_asked_at_ms IS NULL"
    ))
    .bind(now)
    .bind(placement.map(|_| 1_i64))
    .bind(placement.map(|p| p.0.clone()))
    .bind(placement.map(|p| p.1.clone()))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The seeker's answer to an asked, unanswered follow-up; false when none waits.
pub async fn answer(
    conn: &mut AnyConnection,
    id: i64,
    account_id: i64,
    months: i64,
    working: bool,
    employer: &str,
    occupation: &str,
) -> Result<bool, AppError> {
    let n = if months == 3 { 3 } else { 6 };
    let done = sqlx::query(&format!(
        "UPDATE training_registrations SET followup{n}_working = $1, followup{n}_employer = $2, followup{n}_occupation = $3 \
         WHERE id = $4 AND seeker_account_id = $5 AND followup{n}_asked_at_ms IS NOT NULL AND followup{n}_working IS NULL"
    ))
    .bind(i64::from(working))
    .bind(employer)
    .bind(occupation)
    .bind(id)
    .bind(account_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The participant's rating of a programme they finished or did not complete (once).
pub async fn rate(
    conn: &mut AnyConnection,
    id: i64,
    account_id: i64,
    rating: i64,
    comment: &str,
    now: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE training_registrations SET rating = $1, rating_comment = $2, updated_at_ms = $3 WHERE id = $4 \
         AND seeker_account_id = $5 AND status IN ('completed', 'passed', 'not_completed') AND rating IS NULL",
    )
    .bind(rating)
    .bind(comment)
    .bind(now)
    .bind(id)
    .bind(account_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
