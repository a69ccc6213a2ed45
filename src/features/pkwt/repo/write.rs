//! The PKWT writes: a registration and its correction, the guarded claims of a decision and of a revision,
//! the registration number's counter, and the early end. Every function runs in the caller's transaction.
use sqlx::{Any, Row, Transaction};

use crate::features::pkwt::{
    model::ContractStatus,
    rules::{ContractForm, ContractReview},
};

/// A contract that passed the checks, ready to be written.
pub struct NewContract<'a> {
    pub company_id: i64,
    pub form: &'a ContractForm,
    pub review: &'a ContractReview,
    pub worker_id_ciphertext: String,
    pub worker_id_hash: String,
    pub previous_id: Option<i64>,
    pub document_key: Option<String>,
    pub import_id: Option<i64>,
    pub submitted_by: i64,
    pub now_ms: i64,
    pub due_at_ms: i64,
}

type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

/// Binds what a registration and a corrected registration both write, as `$1`–`$24`: the contract's
/// content, then document, late flag, clock and submitter.
fn bind_content<'q>(query: AnyQuery<'q>, c: &NewContract<'_>) -> AnyQuery<'q> {
    let f = c.form;
    let days = (f.contract_kind.trim() == "daily")
        .then(|| f.days())
        .flatten();
    let text = |value: &str| value.trim().to_owned();
    query
        .bind(c.worker_id_ciphertext.clone())
        .bind(c.worker_id_hash.clone())
        .bind(text(&f.worker_name))
        .bind(text(&f.worker_sex))
        .bind(text(&f.worker_birth_date))
        .bind(text(&f.worker_address))
        .bind(i64::from(f.is_foreign()))
        .bind(text(&f.position))
        .bind(text(&f.workplace))
        .bind(f.wage_idr().unwrap_or_default())
        .bind(i64::from(f.with_allowances()))
        .bind(text(&f.contract_kind))
        .bind(days)
        .bind(text(&f.start_date))
        .bind(text(&f.end_date))
        .bind(text(&f.signed_place))
        .bind(text(&f.signed_date))
        .bind(text(&f.link_kind))
        .bind(c.previous_id)
        .bind(c.document_key.clone())
        .bind(i64::from(c.review.late))
        .bind(c.now_ms)
        .bind(c.due_at_ms)
        .bind(c.submitted_by)
}

pub async fn insert_contract(
    tx: &mut Transaction<'static, Any>,
    c: &NewContract<'_>,
) -> Result<i64, sqlx::Error> {
    let query = sqlx::query(
        "INSERT INTO pkwt_contracts (worker_id_ciphertext, worker_id_hash, worker_name, worker_sex, \
         worker_birth_date, worker_address, foreign_worker, position, workplace, wage_idr, wage_with_allowances, \
         contract_kind, days_per_month, start_date, end_date, signed_place, signed_date, link_kind, previous_id, \
         document_key, late, submitted_at_ms, due_at_ms, submitted_by, company_id, import_id, status) VALUES ($1, \
         $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, \
         $25, $26, 'waiting') RETURNING id",
    );
    let row = bind_content(query, c)
        .bind(c.company_id)
        .bind(c.import_id)
        .fetch_one(&mut **tx)
        .await?;
    row.try_get(0)
}

/// Replaces the content of a contract sent back for revision (already claimed back to `waiting`); a
/// resubmission without a new PDF keeps the old one. The first submission's time is kept aside
/// (`first_submitted_at_ms`: lateness is judged on that day); the officer's clock runs from this one.
pub async fn update_contract(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    c: &NewContract<'_>,
) -> Result<(), sqlx::Error> {
    let query = sqlx::query(
        "UPDATE pkwt_contracts SET worker_id_ciphertext = $1, worker_id_hash = $2, worker_name = $3, worker_sex = $4, \
         worker_birth_date = $5, worker_address = $6, foreign_worker = $7, position = $8, workplace = $9, wage_idr = $10, \
         wage_with_allowances = $11, contract_kind = $12, days_per_month = $13, start_date = $14, end_date = $15, \
         signed_place = $16, signed_date = $17, link_kind = $18, previous_id = $19, \
         document_key = COALESCE($20, document_key), late = $21, \
         first_submitted_at_ms = COALESCE(first_submitted_at_ms, submitted_at_ms), submitted_at_ms = $22, \
         due_at_ms = $23, submitted_by = $24 WHERE id = $25",
    );
    bind_content(query, c).bind(id).execute(&mut **tx).await?;
    Ok(())
}

/// Claims a contract sent back for revision back to `waiting`, with the time it was first registered;
/// `None` when it is not this company's or not (any more) in revision.
pub async fn claim_revision(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    company_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let claimed: Option<(i64,)> = sqlx::query_as(
        "UPDATE pkwt_contracts SET status = 'waiting' WHERE id = $1 AND company_id = $2 AND status = 'revision' \
         RETURNING COALESCE(first_submitted_at_ms, submitted_at_ms)",
    )
    .bind(id)
    .bind(company_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(claimed.map(|(at,)| at))
}

/// Whether the company already registered this worker from this start date (other than `except`).
pub async fn duplicate_exists(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    worker_id_hash: &str,
    start_date: &str,
    except: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let duplicate: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM pkwt_contracts WHERE company_id = $1 AND worker_id_hash = $2 AND start_date = $3 \
         AND status <> 'rejected' AND id <> $4",
    )
    .bind(company_id)
    .bind(worker_id_hash)
    .bind(start_date)
    .bind(except.unwrap_or(-1))
    .fetch_optional(&mut **tx)
    .await?;
    Ok(duplicate.is_some())
}

/// The company's contract with this registration number, for the same worker.
pub async fn previous_contract_id(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    worker_id_hash: &str,
    registration_number: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM pkwt_contracts WHERE registration_number = $1 AND company_id = $2 AND worker_id_hash = $3",
    )
    .bind(registration_number)
    .bind(company_id)
    .bind(worker_id_hash)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.map(|(id,)| id))
}

/// Records a decision on a waiting contract; false when it was no longer waiting. Writing first takes
/// SQLite's write lock at once and locks the row on PostgreSQL.
pub async fn claim_decision(
    tx: &mut Transaction<'static, Any>,
    contract_id: i64,
    status: ContractStatus,
    reason: Option<&str>,
    officer_id: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "UPDATE pkwt_contracts SET status = $1, officer_note = $2, decided_by = $3, decided_at_ms = $4 \
         WHERE id = $5 AND status = $6",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(officer_id)
    .bind(now_ms)
    .bind(contract_id)
    .bind(ContractStatus::Waiting.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(claimed.rows_affected() > 0)
}

/// The next serial of the year's registration numbers.
pub async fn next_serial(
    tx: &mut Transaction<'static, Any>,
    year: i32,
) -> Result<i64, sqlx::Error> {
    let (serial,): (i64,) = sqlx::query_as(
        "INSERT INTO pkwt_number_counters (year, last_serial) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last_serial = pkwt_number_counters.last_serial + 1 RETURNING last_serial",
    )
    .bind(i64::from(year))
    .fetch_one(&mut **tx)
    .await?;
    Ok(serial)
}

pub async fn set_registration(
    tx: &mut Transaction<'static, Any>,
    contract_id: i64,
    number: &str,
    verification_code: String,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE pkwt_contracts SET registration_number = $1, verification_code = $2 WHERE id = $3",
    )
    .bind(number)
    .bind(verification_code)
    .bind(contract_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The (start, end) of this company's approved contract that has not ended early.
pub async fn approved_period(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    company_id: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT start_date, end_date FROM pkwt_contracts WHERE id = $1 AND company_id = $2 AND status = 'approved' \
         AND ended_early = 0",
    )
    .bind(id)
    .bind(company_id)
    .fetch_optional(&mut **tx)
    .await
}

/// Records the early end; false when it was already recorded. Guarded like `approved_period`: a second
/// identical request at the same moment records nothing twice.
pub async fn mark_ended_early(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    ended_on: &str,
) -> Result<bool, sqlx::Error> {
    let ended = sqlx::query(
        "UPDATE pkwt_contracts SET ended_on = $1, ended_early = 1 WHERE id = $2 AND ended_early = 0",
    )
    .bind(ended_on)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(ended.rows_affected() > 0)
}
