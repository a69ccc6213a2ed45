//! The complaint writes, each in the caller's transaction. Decisions are guarded UPDATEs: `false` means
//! the case was not in the expected state (someone else acted first).
use sqlx::{Any, Executor};

use crate::features::complaints::model::{CheckedComplaint, Clock, Status};

pub struct NewComplaint<'a> {
    pub code: &'a str,
    pub form: &'a CheckedComplaint,
    pub company_name: &'a str,
    pub account_id: Option<i64>,
    pub now_ms: i64,
}

pub async fn insert<'c, E: Executor<'c, Database = Any>>(
    db: E,
    c: &NewComplaint<'_>,
) -> Result<i64, sqlx::Error> {
    let f = c.form;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO complaints (code, company_id, company_name, category, privacy, status, account_id, complainant_name, \
         complainant_email, complainant_phone, description, since_date, workers_affected, wish, lapor_id, filed_at_ms, \
         updated_at_ms) VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
    )
    .bind(c.code)
    .bind(f.company_id)
    .bind(c.company_name)
    .bind(f.category.as_str())
    .bind(f.privacy.as_str())
    .bind(c.account_id)
    .bind(f.name.clone())
    .bind(f.email.clone())
    .bind(f.phone.clone())
    .bind(&f.description)
    .bind(&f.since_date)
    .bind(f.workers_affected)
    .bind(&f.wish)
    .bind(f.lapor_id.clone())
    .bind(c.now_ms)
    .fetch_one(db)
    .await?;
    Ok(id)
}

fn status_list(from: &[Status]) -> String {
    from.iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The guarded transition of a step: from one of `from` to `to`.
pub async fn advance<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    from: &[Status],
    to: Status,
    officer_id: Option<i64>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    // The statuses are the enum's own literals, never input.
    let sql = format!(
        "UPDATE complaints SET status = $1, updated_at_ms = $2, officer_id = COALESCE(officer_id, $3) \
         WHERE id = $4 AND status IN ({})",
        status_list(from)
    );
    let done = sqlx::query(&sql)
        .bind(to.as_str())
        .bind(now_ms)
        .bind(officer_id)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The text columns a step fills in.
#[derive(Clone, Copy, Debug)]
pub enum TextColumn {
    FollowUpPlan,
    ReferredTo,
    Anjuran,
    AnjuranOn,
    Agreement,
    Outcome,
    SurveyCode,
}

impl TextColumn {
    fn name(self) -> &'static str {
        match self {
            TextColumn::FollowUpPlan => "follow_up_plan",
            TextColumn::ReferredTo => "referred_to",
            TextColumn::Anjuran => "anjuran",
            TextColumn::AnjuranOn => "anjuran_on",
            TextColumn::Agreement => "agreement",
            TextColumn::Outcome => "outcome",
            TextColumn::SurveyCode => "survey_code",
        }
    }
}

pub async fn set_text<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    column: TextColumn,
    value: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE complaints SET {} = $1 WHERE id = $2",
        column.name()
    ))
    .bind(value)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn mark_closed<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE complaints SET closed_at_ms = $1 WHERE id = $2")
        .bind(now_ms)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Records one side's answer to the anjuran, once ("worker" or "company"; "accept", "reject" or "silent").
pub async fn set_answer<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    side: &str,
    answer: &str,
) -> Result<bool, sqlx::Error> {
    let column = if side == "company" {
        "company_answer"
    } else {
        "worker_answer"
    };
    let done = sqlx::query(&format!(
        "UPDATE complaints SET {column} = $1 WHERE id = $2 AND {column} IS NULL AND status = 'recommendation'"
    ))
    .bind(answer)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn start_clock<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    clock: Clock,
    started_on: &str,
    due_on: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO complaint_clocks (complaint_id, step, started_on, due_on) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (complaint_id, step) DO NOTHING",
    )
    .bind(id)
    .bind(clock.as_str())
    .bind(started_on)
    .bind(due_on)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn stop_clock<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    clock: Clock,
    done_on: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE complaint_clocks SET done_on = $1 WHERE complaint_id = $2 AND step = $3 AND done_on IS NULL")
        .bind(done_on)
        .bind(id)
        .bind(clock.as_str())
        .execute(db)
        .await?;
    Ok(())
}

/// Stops every running clock (a closed or referred case).
pub async fn stop_all_clocks<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    done_on: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE complaint_clocks SET done_on = $1 WHERE complaint_id = $2 AND done_on IS NULL",
    )
    .bind(done_on)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

pub struct Event<'a> {
    pub complaint_id: i64,
    pub kind: &'a str,
    pub body: &'a str,
    pub by_role: &'a str,
    pub company_sees: bool,
    pub at_ms: i64,
}

pub async fn event<'c, E: Executor<'c, Database = Any>>(
    db: E,
    e: &Event<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO complaint_events (complaint_id, kind, body, by_role, company_sees, at_ms) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(e.complaint_id)
    .bind(e.kind)
    .bind(e.body)
    .bind(e.by_role)
    .bind(i64::from(e.company_sees))
    .bind(e.at_ms)
    .execute(db)
    .await?;
    Ok(())
}

/// Schedules the next session; returns its number.
pub async fn add_session<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    held_on: &str,
    place: &str,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (number,): (i64,) = sqlx::query_as(
        "INSERT INTO complaint_sessions (complaint_id, number, held_on, place, created_at_ms) \
         VALUES ($1, (SELECT COALESCE(MAX(number), 0) + 1 FROM complaint_sessions WHERE complaint_id = $1), $2, $3, $4) \
         RETURNING number",
    )
    .bind(id)
    .bind(held_on)
    .bind(place)
    .bind(now_ms)
    .fetch_one(db)
    .await?;
    Ok(number)
}

/// The minutes of a session, once.
pub async fn set_minutes<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    number: i64,
    minutes: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE complaint_sessions SET minutes = $1 WHERE complaint_id = $2 AND number = $3 AND minutes IS NULL",
    )
    .bind(minutes)
    .bind(id)
    .bind(number)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub struct NewFile<'a> {
    pub complaint_id: i64,
    pub by_role: &'a str,
    pub storage_key: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub at_ms: i64,
}

pub async fn add_file<'c, E: Executor<'c, Database = Any>>(
    db: E,
    f: &NewFile<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO complaint_files (complaint_id, by_role, storage_key, file_name, content_type, size_bytes, at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(f.complaint_id)
    .bind(f.by_role)
    .bind(f.storage_key)
    .bind(f.file_name)
    .bind(f.content_type)
    .bind(f.size_bytes)
    .bind(f.at_ms)
    .execute(db)
    .await?;
    Ok(())
}

/// Unlocks a confidential identity, once.
pub async fn unlock<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    officer_id: i64,
    reason: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE complaints SET unlocked_at_ms = $1, unlocked_by = $2, unlock_reason = $3 \
         WHERE id = $4 AND privacy = 'confidential' AND unlocked_at_ms IS NULL",
    )
    .bind(now_ms)
    .bind(officer_id)
    .bind(reason)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Back to the officer after the person sent what was asked for.
pub async fn reopen_after_info(
    db: &mut sqlx::AnyConnection,
    id: i64,
    now_ms: i64,
    (started_on, due_on): (&str, &str),
) -> Result<(), sqlx::Error> {
    let reopened = sqlx::query("UPDATE complaints SET status = 'submitted', updated_at_ms = $1 WHERE id = $2 AND status = 'info_needed'")
        .bind(now_ms)
        .bind(id)
        .execute(&mut *db)
        .await?;
    if reopened.rows_affected() > 0 {
        // "More information" stopped the verification clock; the answer starts it again.
        sqlx::query("UPDATE complaint_clocks SET started_on = $1, due_on = $2, done_on = NULL, alerted = 0 WHERE complaint_id = $3 AND step = 'verify'")
            .bind(started_on).bind(due_on).bind(id).execute(db).await?;
    }
    Ok(())
}

/// The 1-4 rating of a closed case, once (kept for the IKM survey when that is not there).
pub async fn rate<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    rating: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE complaints SET rating = $1 WHERE id = $2 AND rating IS NULL AND status IN ('closed', 'referred')")
        .bind(rating)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Clocks past their last day that nobody was told about yet: (complaint, step, officer).
pub async fn unalerted_overdue<'c, E: Executor<'c, Database = Any>>(
    db: E,
    today: &str,
) -> Result<Vec<(i64, String, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.code, k.step, c.officer_id FROM complaint_clocks k JOIN complaints c ON c.id = k.complaint_id \
         WHERE k.done_on IS NULL AND k.alerted = 0 AND k.due_on < $1 AND c.status NOT IN ('referred', 'closed') LIMIT 500",
    )
    .bind(today)
    .fetch_all(db)
    .await
}

pub async fn mark_alerted<'c, E: Executor<'c, Database = Any>>(
    db: E,
    id: i64,
    step: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE complaint_clocks SET alerted = 1 WHERE complaint_id = $1 AND step = $2 AND alerted = 0")
        .bind(id)
        .bind(step)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Cases whose clock of `step` ran out before `today` while they are still in `status`.
pub async fn lapsed<'c, E: Executor<'c, Database = Any>>(
    db: E,
    step: Clock,
    status: Status,
    today: &str,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT c.id FROM complaints c JOIN complaint_clocks k ON k.complaint_id = c.id AND k.step = $1 \
         WHERE c.status = $2 AND k.done_on IS NULL AND k.due_on < $3 LIMIT 500",
    )
    .bind(step.as_str())
    .bind(status.as_str())
    .bind(today)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
