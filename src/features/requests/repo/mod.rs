//! The requests' SQL: reads here (types, requests with their type and company, trails, documents, the
//! daily job's candidates), writes in `write.rs`. Functions take an executor; the caller owns the transaction.
pub mod write;

use sqlx::{Any, Executor, FromRow};

use crate::{
    features::requests::model::types::{DocSpec, FieldSpec, RequestType},
    server::db::{Db, SqlBuilder},
};

#[derive(FromRow)]
pub struct TypeRow {
    pub id: i64,
    pub type_key: String,
    pub name_id: String,
    pub name_en: String,
    pub legal_basis: String,
    pub rule: String,
    pub decider: String,
    pub decision_working_days: i64,
    pub correction_working_days: i64,
    pub issued_status: String,
    pub document_title: String,
    pub validity_months: i64,
    pub deemed_approval: i64,
    pub fields_json: String,
    pub documents_json: String,
    pub active: i64,
}

/// The schema as stored; a row an older version wrote differently reads as empty rather than failing.
pub fn parse_fields(json: &str) -> Vec<FieldSpec> {
    serde_json::from_str(json).unwrap_or_default()
}

pub fn parse_documents(json: &str) -> Vec<DocSpec> {
    serde_json::from_str(json).unwrap_or_default()
}

impl From<TypeRow> for RequestType {
    fn from(r: TypeRow) -> RequestType {
        RequestType {
            fields: parse_fields(&r.fields_json),
            documents: parse_documents(&r.documents_json),
            id: r.id,
            key: r.type_key,
            name_id: r.name_id,
            name_en: r.name_en,
            legal_basis: r.legal_basis,
            rule: r.rule,
            decider: r.decider,
            decision_working_days: r.decision_working_days,
            correction_working_days: r.correction_working_days,
            issued_status: r.issued_status,
            document_title: r.document_title,
            validity_months: r.validity_months,
            deemed_approval: r.deemed_approval != 0,
            active: r.active != 0,
        }
    }
}

const TYPE_COLUMNS: &str = "id, type_key, name_id, name_en, legal_basis, rule, decider, decision_working_days, \
    correction_working_days, issued_status, document_title, validity_months, deemed_approval, fields_json, \
    documents_json, active FROM request_types";

/// Every type (admins), or only the active ones, by name.
pub async fn types(db: &Db, only_active: bool) -> Result<Vec<RequestType>, sqlx::Error> {
    let filter = if only_active { " WHERE active = 1" } else { "" };
    let rows: Vec<TypeRow> = sqlx::query_as(&format!("SELECT {TYPE_COLUMNS}{filter} ORDER BY id"))
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().map(RequestType::from).collect())
}

pub async fn type_by_id<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
) -> Result<Option<RequestType>, sqlx::Error> {
    let row: Option<TypeRow> = sqlx::query_as(&format!("SELECT {TYPE_COLUMNS} WHERE id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await?;
    Ok(row.map(RequestType::from))
}

#[derive(FromRow, Clone)]
pub struct RequestRow {
    pub id: i64,
    pub code: String,
    pub type_id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub filed_by: i64,
    pub filer_email: String,
    /// "company", or "seeker" for a notice a worker filed for a union (a strike notice).
    pub filer_role: String,
    pub status: String,
    pub data_json: String,
    pub warnings_json: String,
    pub worker_nik_hash: Option<String>,
    pub event_date: Option<String>,
    pub submitted_at_ms: Option<i64>,
    pub due_at_ms: Option<i64>,
    pub number: Option<String>,
    pub verification_code: Option<String>,
    pub issued_at_ms: Option<i64>,
    pub valid_until: Option<String>,
    pub survey_code: Option<String>,
    pub objection: Option<String>,
    pub created_at_ms: i64,
    pub type_key: String,
    pub type_name_id: String,
    pub type_name_en: String,
    pub legal_basis: String,
    pub rule: String,
    pub decider: String,
    pub fields_json: String,
    pub documents_json: String,
    pub document_title: String,
    pub validity_months: i64,
    pub decision_working_days: i64,
    pub correction_working_days: i64,
    pub issued_status: String,
    pub deemed_approval: i64,
}

const REQUEST_COLUMNS: &str = "r.id, r.code, r.type_id, r.company_id, c.name AS company_name, r.filed_by, \
    a.email AS filer_email, a.role AS filer_role, r.status, r.data_json, r.warnings_json, r.worker_nik_hash, r.event_date, \
    r.submitted_at_ms, r.due_at_ms, r.number, r.verification_code, r.issued_at_ms, r.valid_until, r.survey_code, \
    r.objection, r.created_at_ms, t.type_key, t.name_id AS type_name_id, t.name_en AS type_name_en, t.legal_basis, t.rule, \
    t.decider, t.fields_json, t.documents_json, t.document_title, t.validity_months, t.decision_working_days, \
    t.correction_working_days, t.issued_status, t.deemed_approval FROM requests r \
    JOIN request_types t ON t.id = r.type_id JOIN companies c ON c.id = r.company_id \
    JOIN accounts a ON a.id = r.filed_by";

/// A company's requests, newest first (the latest 200).
pub async fn for_company(db: &Db, company_id: i64) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} WHERE r.company_id = $1 ORDER BY r.created_at_ms DESC, r.id DESC LIMIT 200"
    ))
    .bind(company_id)
    .fetch_all(&db.pool)
    .await
}

/// The notices an account filed itself (a worker for a union: strike notices), newest first.
pub async fn filed_by_account(db: &Db, account_id: i64) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} WHERE r.filed_by = $1 AND t.rule = 'strike' \
         ORDER BY r.created_at_ms DESC, r.id DESC LIMIT 200"
    ))
    .bind(account_id)
    .fetch_all(&db.pool)
    .await
}

/// A registered company by its NIB: (id, name).
pub async fn company_by_nib(db: &Db, nib: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM companies WHERE nib = $1")
        .bind(nib)
        .fetch_optional(&db.pool)
        .await
}

/// Requests in the given statuses, oldest filing first (officers' lists; at most 500).
pub async fn in_statuses(db: &Db, statuses: &[&str]) -> Result<Vec<RequestRow>, sqlx::Error> {
    let mut sql = SqlBuilder::new(&format!("SELECT {REQUEST_COLUMNS} WHERE r.status IN ("));
    let marks: Vec<String> = statuses.iter().map(|s| sql.text(*s)).collect();
    sql.push(&marks.join(", "));
    sql.push(") ORDER BY r.submitted_at_ms, r.id LIMIT 500");
    sql.query_as().fetch_all(&db.pool).await
}

pub async fn by_id<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {REQUEST_COLUMNS} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// A request of one company (the company is checked in the SQL).
pub async fn of_company<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    id: i64,
    company_id: i64,
) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} WHERE r.id = $1 AND r.company_id = $2"
    ))
    .bind(id)
    .bind(company_id)
    .fetch_optional(executor)
    .await
}

/// An issued document by its verification code.
pub async fn by_verification_code(db: &Db, code: &str) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} WHERE r.verification_code = $1 AND r.status IN ('approved', 'registered', 'deemed_approved')"
    ))
    .bind(code)
    .fetch_optional(&db.pool)
    .await
}

/// The PHK reports about a worker (by the keyed hash of their NIK).
pub async fn phk_for_worker(db: &Db, nik_hash: &str) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} WHERE r.worker_nik_hash = $1 AND t.rule = 'phk' AND r.status <> 'draft' \
         ORDER BY r.created_at_ms DESC LIMIT 50"
    ))
    .bind(nik_hash)
    .fetch_all(&db.pool)
    .await
}

#[derive(FromRow)]
pub struct EventRow {
    pub request_id: i64,
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_role: String,
    pub reason: Option<String>,
    pub at_ms: i64,
}

#[derive(FromRow)]
pub struct DocumentRow {
    pub id: i64,
    pub request_id: i64,
    pub doc_key: String,
    pub file_name: String,
}

fn in_list(sql: &mut SqlBuilder, ids: &[i64]) {
    let marks: Vec<String> = ids.iter().map(|id| sql.int(*id)).collect();
    sql.push(&marks.join(", "));
}

/// The trails of these requests, oldest first.
pub async fn events_of(db: &Db, ids: &[i64]) -> Result<Vec<EventRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = SqlBuilder::new(
        "SELECT request_id, from_status, to_status, actor_role, reason, at_ms FROM request_events WHERE request_id IN (",
    );
    in_list(&mut sql, ids);
    sql.push(") ORDER BY at_ms, id");
    sql.query_as().fetch_all(&db.pool).await
}

/// The documents of these requests, newest first (a corrected document follows the one it replaces).
pub async fn documents_of(db: &Db, ids: &[i64]) -> Result<Vec<DocumentRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = SqlBuilder::new(
        "SELECT id, request_id, doc_key, file_name FROM request_documents WHERE request_id IN (",
    );
    in_list(&mut sql, ids);
    sql.push(") ORDER BY uploaded_at_ms DESC, id DESC");
    sql.query_as().fetch_all(&db.pool).await
}

/// A stored document of a request: storage key, file name, content type.
pub async fn document(
    db: &Db,
    request_id: i64,
    document_id: i64,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT storage_key, file_name, content_type FROM request_documents WHERE id = $1 AND request_id = $2",
    )
    .bind(document_id)
    .bind(request_id)
    .fetch_optional(&db.pool)
    .await
}

/// Ids of requests past the deadline of a stage: `statuses`, `due_at_ms` before `now`, and (optionally) of
/// types that are deemed approved on silence.
pub async fn overdue(
    db: &Db,
    statuses: &[&str],
    now_ms: i64,
    deemed_only: bool,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut sql = SqlBuilder::new(
        "SELECT r.id FROM requests r JOIN request_types t ON t.id = r.type_id WHERE r.status IN (",
    );
    let marks: Vec<String> = statuses.iter().map(|s| sql.text(*s)).collect();
    sql.push(&marks.join(", "));
    let now = sql.int(now_ms);
    sql.push(&format!(
        ") AND r.due_at_ms IS NOT NULL AND r.due_at_ms < {now}"
    ));
    if deemed_only {
        sql.push(" AND t.deemed_approval = 1");
    }
    sql.push(" ORDER BY r.id LIMIT 1000");
    let rows: Vec<(i64,)> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Issued approvals and registrations with a validity whose renewal reminder has not gone out.
pub async fn renewal_candidates(db: &Db) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} WHERE r.valid_until IS NOT NULL AND r.renewal_reminded_at_ms IS NULL \
         AND r.status IN ('approved', 'registered', 'deemed_approved') ORDER BY r.valid_until LIMIT 1000"
    ))
    .fetch_all(&db.pool)
    .await
}

/// The company's approved PP or registered PKB in force on `today` and issued before `issued_before_ms`:
/// (rule, number, valid until), latest expiry first.
pub async fn current_regulation<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    company_id: i64,
    today: &str,
    issued_before_ms: i64,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.rule, r.number, r.valid_until FROM requests r JOIN request_types t ON t.id = r.type_id \
         WHERE r.company_id = $1 AND t.rule IN ('pp', 'pkb') AND r.status IN ('approved', 'registered', 'deemed_approved') \
         AND r.number IS NOT NULL AND r.valid_until IS NOT NULL AND r.valid_until >= $2 \
         AND COALESCE(r.issued_at_ms, 0) < $3 ORDER BY r.valid_until DESC LIMIT 1",
    )
    .bind(company_id)
    .bind(today)
    .bind(issued_before_ms)
    .fetch_optional(executor)
    .await
}

/// The seeker account whose NIK has this keyed hash (the worker a PHK report is about), with its e-mail.
pub async fn seeker_by_nik_hash<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    nik_hash: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.email FROM seekers s JOIN accounts a ON a.id = s.account_id WHERE s.nik_hash = $1 AND a.disabled = 0",
    )
    .bind(nik_hash)
    .fetch_optional(executor)
    .await
}

/// When the company's PP approval a renewal renews expires (YYYY-MM-DD): the one with the number the
/// renewal names, else the company's latest; `None` when the portal issued it none (a paper approval).
pub async fn renewed_pp_expiry<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    company_id: i64,
    previous_number: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT r.valid_until FROM requests r JOIN request_types t ON t.id = r.type_id \
         WHERE r.company_id = $1 AND t.rule = 'pp' AND r.status IN ('approved', 'deemed_approved') \
         AND r.number IS NOT NULL AND r.valid_until IS NOT NULL \
         ORDER BY CASE WHEN r.number = $2 THEN 0 ELSE 1 END, r.valid_until DESC LIMIT 1",
    )
    .bind(company_id)
    .bind(previous_number)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|(until,)| until))
}

/// A registered PKB of the company by its number: (request id, valid until YYYY-MM-DD).
pub async fn registered_pkb<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    company_id: i64,
    number: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, r.valid_until FROM requests r JOIN request_types t ON t.id = r.type_id \
         WHERE r.company_id = $1 AND t.rule = 'pkb' AND r.status = 'registered' AND r.number = $2 \
         AND r.valid_until IS NOT NULL",
    )
    .bind(company_id)
    .bind(number)
    .fetch_optional(executor)
    .await
}

/// The forms (data JSON) of the company's PKB extensions that still stand (not refused or withdrawn),
/// other than request `except` (the one being corrected; 0 for a new filing).
pub async fn standing_pkb_extensions<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    company_id: i64,
    except: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT r.data_json FROM requests r JOIN request_types t ON t.id = r.type_id \
         WHERE r.company_id = $1 AND t.rule = 'pkb_extension' AND r.status NOT IN ('refused', 'withdrawn') \
         AND r.id <> $2 ORDER BY r.id LIMIT 1000",
    )
    .bind(company_id)
    .bind(except)
    .fetch_all(executor)
    .await?;
    Ok(rows.into_iter().map(|(data,)| data).collect())
}

/// A company's enabled admin accounts (id, e-mail): who hears of a notice a union filed about it.
pub async fn company_admins<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    company_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, email FROM accounts WHERE company_id = $1 AND role = 'company' AND company_role = 'admin' AND disabled = 0 ORDER BY id LIMIT 50",
    )
    .bind(company_id)
    .fetch_all(executor)
    .await
}

/// The keyed hash of a seeker's NIK.
pub async fn seeker_nik_hash(db: &Db, account_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT nik_hash FROM seekers WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(h,)| h))
}
