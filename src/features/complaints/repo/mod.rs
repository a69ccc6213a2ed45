//! All complaint SQL: reads here, writes in `write`. Functions take an executor; the caller owns the
//! transaction and decides who may see what.
mod clocks;
mod parts;
pub mod stats;
pub mod write;

use sqlx::{Any, Executor};

/// A complaint row. Identity columns are `None` for an anonymous complaint (the table's CHECK).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ComplaintRow {
    pub id: i64,
    pub code: String,
    pub company_id: Option<i64>,
    pub company_name: String,
    pub category: String,
    pub privacy: String,
    pub status: String,
    pub account_id: Option<i64>,
    pub complainant_name: Option<String>,
    pub complainant_email: Option<String>,
    pub complainant_phone: Option<String>,
    pub description: String,
    pub since_date: String,
    pub workers_affected: i64,
    pub wish: String,
    pub lapor_id: Option<String>,
    pub officer_id: Option<i64>,
    pub follow_up_plan: Option<String>,
    pub referred_to: Option<String>,
    /// Conciliation or arbitration, when the parties chose one instead of mediation.
    pub forum: Option<String>,
    pub unlocked_at_ms: Option<i64>,
    pub unlock_reason: Option<String>,
    pub anjuran: Option<String>,
    pub anjuran_on: Option<String>,
    pub worker_answer: Option<String>,
    pub company_answer: Option<String>,
    pub agreement: Option<String>,
    pub outcome: Option<String>,
    pub closed_at_ms: Option<i64>,
    pub survey_code: Option<String>,
    pub rating: Option<i64>,
    pub filed_at_ms: i64,
}

const COLUMNS: &str = "c.id, c.code, c.company_id, COALESCE(co.name, c.company_name) AS company_name, c.category, \
    c.privacy, c.status, c.account_id, c.complainant_name, c.complainant_email, c.complainant_phone, c.description, \
    c.since_date, c.workers_affected, c.wish, c.lapor_id, c.officer_id, c.follow_up_plan, c.referred_to, c.forum, \
    c.unlocked_at_ms, c.unlock_reason, c.anjuran, c.anjuran_on, c.worker_answer, c.company_answer, c.agreement, \
    c.outcome, c.closed_at_ms, c.survey_code, c.rating, c.filed_at_ms \
    FROM complaints c LEFT JOIN companies co ON co.id = c.company_id";

pub async fn by_code<'c, E: Executor<'c, Database = Any>>(
    db: E,
    code: &str,
) -> Result<Option<ComplaintRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} WHERE c.code = $1"))
        .bind(code)
        .fetch_optional(db)
        .await
}

pub async fn by_id<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
) -> Result<Option<ComplaintRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// A case of this company that the company may see: named, and not anonymous.
pub async fn of_company<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    company_id: i64,
) -> Result<Option<ComplaintRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} WHERE c.id = $1 AND c.company_id = $2 AND c.privacy <> 'anonymous'"
    ))
    .bind(id)
    .bind(company_id)
    .fetch_optional(db)
    .await
}

/// The company's cases, newest first (anonymous ones never).
pub async fn company_cases<'c, E: Executor<'c, Database = Any>>(
    db: E,
    company_id: i64,
) -> Result<Vec<ComplaintRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} WHERE c.company_id = $1 AND c.privacy <> 'anonymous' ORDER BY c.filed_at_ms DESC, c.id DESC LIMIT 200"
    ))
    .bind(company_id)
    .fetch_all(db)
    .await
}

/// One page of the open cases, oldest first (`offset` and `limit` bounded by the caller).
pub async fn open_cases<'c, E: Executor<'c, Database = Any>>(
    db: E,
    offset: i64,
    limit: i64,
) -> Result<Vec<ComplaintRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} WHERE c.status NOT IN ('referred', 'closed') ORDER BY c.filed_at_ms, c.id LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// How many cases are open.
pub async fn open_count<'c, E: Executor<'c, Database = Any>>(db: E) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM complaints WHERE status NOT IN ('referred', 'closed')",
    )
    .fetch_one(db)
    .await?;
    Ok(n)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ClockRow {
    pub complaint_id: i64,
    pub step: String,
    pub started_on: String,
    pub due_on: String,
    pub done_on: Option<String>,
}

pub async fn clocks<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
) -> Result<Vec<ClockRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT complaint_id, step, started_on, due_on, done_on FROM complaint_clocks WHERE complaint_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// The running clocks of the given cases (a queue page's "next deadline"), in one query.
pub async fn running_clocks<'c, E: Executor<'c, Database = Any>>(
    db: E,
    ids: &[i64],
) -> Result<Vec<ClockRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The ids are integers read from the database, never input.
    let list = ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query_as(&format!(
        "SELECT complaint_id, step, started_on, due_on, done_on FROM complaint_clocks \
         WHERE done_on IS NULL AND complaint_id IN ({list}) ORDER BY due_on"
    ))
    .fetch_all(db)
    .await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EventRow {
    pub kind: String,
    pub body: String,
    pub by_role: String,
    pub at_ms: i64,
}

/// The timeline; `company_view` leaves out what the company may not see.
pub async fn events<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    company_view: bool,
) -> Result<Vec<EventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, body, by_role, at_ms FROM complaint_events WHERE complaint_id = $1 AND (company_sees = 1 OR $2 = 0) \
         ORDER BY at_ms, id",
    )
    .bind(id)
    .bind(i64::from(company_view))
    .fetch_all(db)
    .await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub number: i64,
    pub held_on: String,
    pub place: String,
    pub minutes: Option<String>,
}

pub async fn sessions<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as("SELECT number, held_on, place, minutes FROM complaint_sessions WHERE complaint_id = $1 ORDER BY number")
        .bind(id)
        .fetch_all(db)
        .await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub complaint_id: i64,
    pub by_role: String,
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
}

pub async fn files<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
) -> Result<Vec<FileRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, complaint_id, by_role, storage_key, file_name, content_type FROM complaint_files WHERE complaint_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

pub async fn file<'c, E: Executor<'c, Database = Any>>(
    db: E,
    file_id: i64,
) -> Result<Option<FileRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, complaint_id, by_role, storage_key, file_name, content_type FROM complaint_files WHERE id = $1")
        .bind(file_id)
        .fetch_optional(db)
        .await
}

pub async fn file_count<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM complaint_files WHERE complaint_id = $1")
            .bind(id)
            .fetch_one(db)
            .await?;
    Ok(n)
}

/// The company's active accounts with their e-mail (invitations and notices).
pub async fn company_accounts<'c, E: Executor<'c, Database = Any>>(
    db: E,
    company_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, email FROM accounts WHERE company_id = $1 AND role = 'company' AND disabled = 0 ORDER BY id LIMIT 20")
        .bind(company_id)
        .fetch_all(db)
        .await
}

/// Admins (the heads who hear of missed deadlines).
pub async fn admins<'c, E: Executor<'c, Database = Any>>(
    db: E,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, email FROM accounts WHERE role = 'admin' AND disabled = 0 ORDER BY id LIMIT 20",
    )
    .fetch_all(db)
    .await
}

/// A registered company's name (the filing form's pick).
pub async fn company_name<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT name FROM companies WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| r.0))
}

/// Registered companies for the filing form's list (id, name).
pub async fn companies<'c, E: Executor<'c, Database = Any>>(
    db: E,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM companies ORDER BY name LIMIT 2000")
        .fetch_all(db)
        .await
}

/// An account's e-mail (for notices with an e-mail copy).
pub async fn email_of<'c, E: Executor<'c, Database = Any>>(
    db: E,
    account_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT email FROM accounts WHERE id = $1 AND disabled = 0")
            .bind(account_id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|r| r.0))
}

/// The holiday dates, read in the caller's transaction (for callers that hold one already).
pub async fn holidays<'c, E: Executor<'c, Database = Any>>(
    db: E,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT date FROM holidays ORDER BY date")
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
