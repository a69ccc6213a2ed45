//! The survey's SQL: invitations, the one-time answer, and the answers of a period.
use sqlx::{Any, Executor, FromRow};

/// Creates an invitation; false when the code is taken (the caller draws another).
pub async fn insert<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    code: &str,
    service_key: &str,
    subject_ref: &str,
    account_id: Option<i64>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO survey_invitations (code, service_key, subject_ref, account_id, created_at_ms) \
         SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM survey_invitations WHERE code = $1) RETURNING id",
    )
    .bind(code)
    .bind(service_key)
    .bind(subject_ref)
    .bind(account_id)
    .bind(now_ms)
    .fetch_optional(executor)
    .await?;
    Ok(row.is_some())
}

#[derive(FromRow)]
pub struct InvitationRow {
    pub id: i64,
    pub code: String,
    pub service_key: String,
    pub answered_at_ms: Option<i64>,
}

pub async fn by_code<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    code: &str,
) -> Result<Option<InvitationRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, code, service_key, answered_at_ms FROM survey_invitations WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(executor)
    .await
}

/// Stores the answer once: false when it was answered before (or the code is unknown).
pub async fn answer<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    code: &str,
    scores: [i64; 9],
    suggestion: Option<&str>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let mut query = sqlx::query(
        "UPDATE survey_invitations SET q1 = $1, q2 = $2, q3 = $3, q4 = $4, q5 = $5, q6 = $6, q7 = $7, \
         q8 = $8, q9 = $9, suggestion = $10, answered_at_ms = $11 WHERE code = $12 AND answered_at_ms IS NULL",
    );
    for score in scores {
        query = query.bind(score);
    }
    let done = query
        .bind(suggestion)
        .bind(now_ms)
        .bind(code)
        .execute(executor)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(FromRow)]
pub struct AnswerRow {
    pub service_key: String,
    pub answered_at_ms: i64,
    pub q1: i64,
    pub q2: i64,
    pub q3: i64,
    pub q4: i64,
    pub q5: i64,
    pub q6: i64,
    pub q7: i64,
    pub q8: i64,
    pub q9: i64,
}

impl AnswerRow {
    pub fn scores(&self) -> [i64; 9] {
        [
            self.q1, self.q2, self.q3, self.q4, self.q5, self.q6, self.q7, self.q8, self.q9,
        ]
    }
}

/// The answers given in `[from_ms, to_ms)`.
pub async fn answers<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    from_ms: i64,
    to_ms: i64,
) -> Result<Vec<AnswerRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT service_key, answered_at_ms, q1, q2, q3, q4, q5, q6, q7, q8, q9 FROM survey_invitations \
         WHERE answered_at_ms >= $1 AND answered_at_ms < $2 ORDER BY answered_at_ms",
    )
    .bind(from_ms)
    .bind(to_ms)
    .fetch_all(executor)
    .await
}

/// The names of the request types (Indonesian, English) by their survey service key ("request:<type>"),
/// so a report names a type an admin added, which has no translation key.
pub async fn request_type_names<'c, E: Executor<'c, Database = Any>>(
    executor: E,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT type_key, name_id, name_en FROM request_types ORDER BY type_key LIMIT 1000",
    )
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key, id, en)| (format!("request:{key}"), id, en))
        .collect())
}
