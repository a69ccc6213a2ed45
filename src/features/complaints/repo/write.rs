//! The complaint writes, each in the caller's transaction. Decisions are guarded UPDATEs: `false` means
//! the case was not in the expected state (someone else acted first).
use sqlx::{Any, Executor};

pub use super::{clocks::*, parts::*};
use crate::features::complaints::model::{CheckedComplaint, Status};

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
    Forum,
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
            TextColumn::Forum => "forum",
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
