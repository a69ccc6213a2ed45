//! The requests' writes: filings, guarded transitions (0 rows = someone else acted first), the trail,
//! documents, issuing, objections, reminders and the admin's types.
use sqlx::{Any, Executor};

use crate::{features::requests::model::types::CheckedType, server::db::SqlBuilder};

pub struct NewRequest<'a> {
    pub code: &'a str,
    pub type_id: i64,
    pub company_id: i64,
    pub filed_by: i64,
    pub status: &'a str,
    pub data_json: &'a str,
    pub warnings_json: &'a str,
    pub worker_nik_ciphertext: Option<&'a str>,
    pub worker_nik_hash: Option<&'a str>,
    pub event_date: Option<&'a str>,
    pub due_at_ms: Option<i64>,
    pub now_ms: i64,
}

pub async fn insert<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    r: &NewRequest<'_>,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO requests (code, type_id, company_id, filed_by, status, data_json, warnings_json, \
         worker_nik_ciphertext, worker_nik_hash, event_date, submitted_at_ms, due_at_ms, created_at_ms, updated_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $11) RETURNING id",
    )
    .bind(r.code)
    .bind(r.type_id)
    .bind(r.company_id)
    .bind(r.filed_by)
    .bind(r.status)
    .bind(r.data_json)
    .bind(r.warnings_json)
    .bind(r.worker_nik_ciphertext)
    .bind(r.worker_nik_hash)
    .bind(r.event_date)
    .bind(r.now_ms)
    .bind(r.due_at_ms)
    .fetch_one(executor)
    .await?;
    Ok(id)
}

/// One entry of the trail: who (an account and its role, or none and "" for the daily job), when, why.
pub struct Event<'a> {
    pub request_id: i64,
    pub from_status: Option<&'a str>,
    pub to_status: &'a str,
    pub actor_account_id: Option<i64>,
    pub actor_role: &'a str,
    pub reason: Option<&'a str>,
    pub at_ms: i64,
}

pub async fn add_event<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    e: &Event<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO request_events (request_id, from_status, to_status, actor_account_id, actor_role, reason, at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.request_id)
    .bind(e.from_status)
    .bind(e.to_status)
    .bind(e.actor_account_id)
    .bind(e.actor_role)
    .bind(e.reason)
    .bind(e.at_ms)
    .execute(executor)
    .await?;
    Ok(())
}

pub struct NewDocument<'a> {
    pub request_id: i64,
    pub doc_key: &'a str,
    pub file_name: &'a str,
    pub storage_key: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub now_ms: i64,
}

pub async fn add_document<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    d: &NewDocument<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO request_documents (request_id, doc_key, file_name, storage_key, content_type, size_bytes, uploaded_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(d.request_id)
    .bind(d.doc_key)
    .bind(d.file_name)
    .bind(d.storage_key)
    .bind(d.content_type)
    .bind(d.size_bytes)
    .bind(d.now_ms)
    .execute(executor)
    .await?;
    Ok(())
}

/// Extra conditions on an officer's decision.
#[derive(Clone, Copy, Default)]
pub struct Guard {
    /// For deemed-approval types: only while the decision period has not run out at this instant.
    pub not_past_due: Option<i64>,
    /// For registering a PHK report: only while the worker has not objected.
    pub no_objection: bool,
    /// "Take into review": only from "submitted", so a repeat adds no second trail entry or notice.
    pub only_submitted: bool,
}

/// The officer's guarded decision on a request with the office ("submitted" or "in_review").
pub async fn decide<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
    to: &str,
    due_at_ms: Option<i64>,
    now_ms: i64,
    guard: Guard,
) -> Result<bool, sqlx::Error> {
    let mut sql = SqlBuilder::new("UPDATE requests SET status = ");
    let to = sql.text(to);
    let due = match due_at_ms {
        Some(due) => sql.int(due),
        None => "NULL".to_owned(),
    };
    let now = sql.int(now_ms);
    let id = sql.int(id);
    sql.push(&format!(
        "{to}, due_at_ms = {due}, updated_at_ms = {now} WHERE id = {id} \
         AND status IN ('submitted', 'in_review')"
    ));
    if let Some(at) = guard.not_past_due {
        let at = sql.int(at);
        sql.push(&format!(" AND (due_at_ms IS NULL OR due_at_ms >= {at})"));
    }
    if guard.no_objection {
        sql.push(" AND objection IS NULL");
    }
    if guard.only_submitted {
        sql.push(" AND status = 'submitted'");
    }
    Ok(sql.query().execute(executor).await?.rows_affected() == 1)
}

/// The guarded transition: `id` moves from one of `from` to `to` (and to the new stage deadline), only
/// when it is still in one of `from` (and of `company_id`, when given). False when nothing changed.
pub async fn transition<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
    company_id: Option<i64>,
    from: &[&str],
    to: &str,
    due_at_ms: Option<i64>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let mut sql = SqlBuilder::new("UPDATE requests SET status = ");
    let to = sql.text(to);
    let due = match due_at_ms {
        Some(due) => sql.int(due),
        None => "NULL".to_owned(),
    };
    let now = sql.int(now_ms);
    let id = sql.int(id);
    sql.push(&format!(
        "{to}, due_at_ms = {due}, updated_at_ms = {now} WHERE id = {id} AND status IN ("
    ));
    let marks: Vec<String> = from.iter().map(|s| sql.text(*s)).collect();
    sql.push(&marks.join(", "));
    sql.push(")");
    if let Some(company_id) = company_id {
        let company = sql.int(company_id);
        sql.push(&format!(" AND company_id = {company}"));
    }
    Ok(sql.query().execute(executor).await?.rows_affected() == 1)
}

/// A corrected filing: new values, back with the office, the decision clock restarted; only inside the
/// applicant's correction window (`due_at_ms` of the correction stage, 14 working days).
pub struct Resubmission<'a> {
    pub id: i64,
    pub company_id: i64,
    pub data_json: &'a str,
    pub warnings_json: &'a str,
    pub worker_nik_ciphertext: Option<&'a str>,
    pub worker_nik_hash: Option<&'a str>,
    pub event_date: Option<&'a str>,
    pub due_at_ms: Option<i64>,
    pub now_ms: i64,
}

pub async fn resubmit<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    r: &Resubmission<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE requests SET status = 'submitted', data_json = $1, warnings_json = $2, \
         worker_nik_ciphertext = COALESCE($3, worker_nik_ciphertext), worker_nik_hash = COALESCE($4, worker_nik_hash), \
         event_date = $5, submitted_at_ms = $6, due_at_ms = $7, updated_at_ms = $6 \
         WHERE id = $8 AND company_id = $9 AND status = 'correction_requested' \
         AND (due_at_ms IS NULL OR due_at_ms >= $6)",
    )
    .bind(r.data_json)
    .bind(r.warnings_json)
    .bind(r.worker_nik_ciphertext)
    .bind(r.worker_nik_hash)
    .bind(r.event_date)
    .bind(r.now_ms)
    .bind(r.due_at_ms)
    .bind(r.id)
    .bind(r.company_id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The issued document's number, verification code and validity (once: only where none was issued).
pub async fn issue<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
    number: &str,
    verification_code: &str,
    valid_until: Option<&str>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE requests SET number = $1, verification_code = $2, valid_until = $3, issued_at_ms = $4 \
         WHERE id = $5 AND number IS NULL",
    )
    .bind(number)
    .bind(verification_code)
    .bind(valid_until)
    .bind(now_ms)
    .bind(id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_survey<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
    code: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE requests SET survey_code = $1 WHERE id = $2 AND survey_code IS NULL")
        .bind(code)
        .bind(id)
        .execute(executor)
        .await?;
    Ok(())
}

/// The worker's objection, once, while the report is with the office (the worker checked in the SQL).
pub async fn object<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
    nik_hash: &str,
    text: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE requests SET objection = $1, objection_at_ms = $2, updated_at_ms = $2 WHERE id = $3 \
         AND worker_nik_hash = $4 AND objection IS NULL AND status IN ('submitted', 'in_review')",
    )
    .bind(text)
    .bind(now_ms)
    .bind(id)
    .bind(nik_hash)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Claims a renewal reminder (false when it went out before).
pub async fn claim_renewal_reminder<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE requests SET renewal_reminded_at_ms = $1 WHERE id = $2 AND renewal_reminded_at_ms IS NULL",
    )
    .bind(now_ms)
    .bind(id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// A new type (admins); false when its key is taken.
pub async fn insert_type<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    t: &CheckedType,
    now_ms: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO request_types (type_key, name_id, name_en, legal_basis, rule, decider, decision_working_days, \
         correction_working_days, issued_status, document_title, validity_months, deemed_approval, fields_json, \
         documents_json, active, created_at_ms, updated_at_ms) \
         SELECT $1, $2, $3, $4, 'generic', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15 \
         WHERE NOT EXISTS (SELECT 1 FROM request_types WHERE type_key = $1) RETURNING id",
    )
    .bind(&t.key)
    .bind(&t.name_id)
    .bind(&t.name_en)
    .bind(&t.legal_basis)
    .bind(&t.decider)
    .bind(t.decision_working_days)
    .bind(t.correction_working_days)
    .bind(&t.issued_status)
    .bind(&t.document_title)
    .bind(t.validity_months)
    .bind(i64::from(t.deemed_approval))
    .bind(json(&t.fields))
    .bind(json(&t.documents))
    .bind(i64::from(t.active))
    .bind(now_ms)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Edits a type (its key and rule stay); false when there is no such type.
pub async fn update_type<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
    t: &CheckedType,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE request_types SET name_id = $1, name_en = $2, legal_basis = $3, decider = $4, \
         decision_working_days = $5, correction_working_days = $6, issued_status = $7, document_title = $8, \
         validity_months = $9, deemed_approval = $10, fields_json = $11, documents_json = $12, active = $13, \
         updated_at_ms = $14 WHERE id = $15",
    )
    .bind(&t.name_id)
    .bind(&t.name_en)
    .bind(&t.legal_basis)
    .bind(&t.decider)
    .bind(t.decision_working_days)
    .bind(t.correction_working_days)
    .bind(&t.issued_status)
    .bind(&t.document_title)
    .bind(t.validity_months)
    .bind(i64::from(t.deemed_approval))
    .bind(json(&t.fields))
    .bind(json(&t.documents))
    .bind(i64::from(t.active))
    .bind(now_ms)
    .bind(id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// New values of a registered record (a tracked permit's stage), the company checked in the SQL.
pub async fn set_data<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
    company_id: i64,
    data_json: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE requests SET data_json = $1, updated_at_ms = $2 WHERE id = $3 AND company_id = $4",
    )
    .bind(data_json)
    .bind(now_ms)
    .bind(id)
    .bind(company_id)
    .execute(executor)
    .await?;
    Ok(())
}
