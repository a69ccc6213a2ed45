//! The PKWT tables: every SQL statement of the feature's requests (the daily jobs keep theirs), the row
//! structs, and the reference data the contract checks read. Functions take a pool or a transaction; the
//! caller owns the transaction and decides who may ask.
mod imports;
mod write;

use sqlx::{Any, FromRow, Transaction};

pub use self::{
    imports::{
        CompanyBookRow, company_book_rows, delete_expired_imports, import_owner, insert_import,
        take_import,
    },
    write::{
        NewContract, approved_period, claim_decision, claim_revision, duplicate_exists,
        insert_contract, mark_ended_early, next_serial, previous_contract_id, set_registration,
        update_contract,
    },
};
use crate::{
    core::calendar::{HolidayCalendar, parse_date},
    features::pkwt::rules::{Period, RuleContext},
    server::{db::Db, reference},
};

/// The UMK of Kabupaten Tangerang by year.
pub async fn minimum_wages(db: &Db) -> Result<Vec<(i32, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT year, amount_idr FROM minimum_wages WHERE region_code = $1 AND sector_code IS NULL ORDER BY year",
    )
    .bind(crate::core::region::REGENCY.dotted)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(year, amount)| Some((i32::try_from(year).ok()?, amount)))
        .collect())
}

/// The public holidays as stored (`YYYY-MM-DD`), for the browser's own check.
pub async fn holiday_dates(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let holidays: Vec<(String,)> = sqlx::query_as("SELECT date FROM holidays ORDER BY date")
        .fetch_all(&db.pool)
        .await?;
    Ok(holidays.into_iter().map(|(d,)| d).collect())
}

/// What every check needs from the database, read once per request (or once per bulk file).
pub struct RuleData {
    pub minimum_wages: Vec<(i32, i64)>,
    pub holidays: HolidayCalendar,
}

impl RuleData {
    pub async fn load(db: &Db) -> Result<RuleData, sqlx::Error> {
        Ok(RuleData {
            minimum_wages: minimum_wages(db).await?,
            holidays: reference::holiday_calendar(db).await?,
        })
    }

    pub fn context<'a>(&'a self, today: time::Date, earlier: &'a [Period]) -> RuleContext<'a> {
        RuleContext {
            today,
            minimum_wages: &self.minimum_wages,
            holidays: &self.holidays,
            earlier,
        }
    }
}

/// The periods of this worker's contracts with this company that count toward the five years: every
/// registration not rejected (a contract waiting for an officer already binds the worker).
pub async fn earlier_periods(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    worker_id_hash: &str,
    except: Option<i64>,
) -> Result<Vec<Period>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT start_date, end_date, ended_on FROM pkwt_contracts WHERE company_id = $1 AND worker_id_hash = $2 \
         AND status <> 'rejected' AND id <> $3",
    )
    .bind(company_id)
    .bind(worker_id_hash)
    .bind(except.unwrap_or(-1))
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(start, end, ended_on)| {
            let end = ended_on
                .as_deref()
                .and_then(parse_date)
                .or_else(|| parse_date(&end))?;
            Some(Period {
                start: parse_date(&start)?,
                end,
            })
        })
        .collect())
}

/// A contract with its company's name, as every list and the receipt read it.
#[derive(FromRow)]
pub struct ContractRow {
    pub id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub worker_id_ciphertext: String,
    pub worker_name: String,
    pub foreign_worker: i64,
    pub position: String,
    pub workplace: String,
    pub wage_idr: i64,
    pub contract_kind: String,
    pub days_per_month: Option<i64>,
    pub start_date: String,
    pub end_date: String,
    pub signed_place: String,
    pub signed_date: String,
    pub link_kind: String,
    pub late: i64,
    pub status: String,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
    pub officer_note: Option<String>,
    pub registration_number: Option<String>,
    pub verification_code: Option<String>,
    pub decided_at_ms: Option<i64>,
    pub decided_by: Option<i64>,
    pub ended_on: Option<String>,
    pub ended_early: i64,
    pub document_key: Option<String>,
}

const CONTRACT_COLUMNS: &str = "c.id, c.company_id, co.name AS company_name, c.worker_id_ciphertext, c.worker_name, \
    c.foreign_worker, c.position, c.workplace, c.wage_idr, c.contract_kind, c.days_per_month, c.start_date, c.end_date, \
    c.signed_place, c.signed_date, c.link_kind, c.late, c.status, c.submitted_at_ms, c.due_at_ms, c.officer_note, \
    c.registration_number, c.verification_code, c.decided_at_ms, c.decided_by, c.ended_on, c.ended_early, c.document_key \
    FROM pkwt_contracts c JOIN companies co ON co.id = c.company_id";

pub async fn contract(db: &Db, id: i64) -> Result<Option<ContractRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {CONTRACT_COLUMNS} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// The company's latest 500 registrations, newest first.
pub async fn company_contracts(db: &Db, company_id: i64) -> Result<Vec<ContractRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {CONTRACT_COLUMNS} WHERE c.company_id = $1 ORDER BY c.submitted_at_ms DESC, c.id DESC LIMIT 500"
    ))
    .bind(company_id)
    .fetch_all(&db.pool)
    .await
}

/// A contract sent back for revision, with the registration number of the contract it extends.
#[derive(FromRow)]
pub struct RevisionRow {
    pub worker_id_ciphertext: String,
    pub worker_name: String,
    pub worker_sex: String,
    pub worker_birth_date: String,
    pub worker_address: String,
    pub foreign_worker: i64,
    pub position: String,
    pub workplace: String,
    pub wage_idr: i64,
    pub wage_with_allowances: i64,
    pub contract_kind: String,
    pub days_per_month: Option<i64>,
    pub start_date: String,
    pub end_date: String,
    pub signed_place: String,
    pub signed_date: String,
    pub link_kind: String,
    pub previous_number: Option<String>,
}

pub async fn revision_row(
    db: &Db,
    id: i64,
    company_id: i64,
) -> Result<Option<RevisionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.worker_id_ciphertext, c.worker_name, c.worker_sex, c.worker_birth_date, c.worker_address, \
         c.foreign_worker, c.position, c.workplace, c.wage_idr, c.wage_with_allowances, c.contract_kind, \
         c.days_per_month, c.start_date, c.end_date, c.signed_place, c.signed_date, c.link_kind, \
         p.registration_number AS previous_number FROM pkwt_contracts c \
         LEFT JOIN pkwt_contracts p ON p.id = c.previous_id \
         WHERE c.id = $1 AND c.company_id = $2 AND c.status = 'revision'",
    )
    .bind(id)
    .bind(company_id)
    .fetch_optional(&db.pool)
    .await
}

/// Waiting contracts, and how many of them are past their deadline at `now_ms`.
pub async fn queue_counts(db: &Db, now_ms: i64) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN due_at_ms < $1 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM pkwt_contracts WHERE status = 'waiting'",
    )
    .bind(now_ms)
    .fetch_one(&db.pool)
    .await
}

/// The oldest waiting contracts first.
pub async fn waiting_contracts(db: &Db, limit: i64) -> Result<Vec<ContractRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {CONTRACT_COLUMNS} WHERE c.status = 'waiting' ORDER BY c.submitted_at_ms, c.id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Who hears of a decision: (submitter, their email, worker's name, worker id's keyed hash).
pub async fn decision_recipients(
    tx: &mut Transaction<'static, Any>,
    contract_id: i64,
) -> Result<(i64, String, String, String), sqlx::Error> {
    sqlx::query_as(
        "SELECT c.submitted_by, a.email, c.worker_name, c.worker_id_hash FROM pkwt_contracts c \
         JOIN accounts a ON a.id = c.submitted_by WHERE c.id = $1",
    )
    .bind(contract_id)
    .fetch_one(&mut **tx)
    .await
}

/// The seeker account of a worker, by their NIK's keyed hash.
pub async fn seeker_account_by_hash(
    tx: &mut Transaction<'static, Any>,
    nik_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let worker: Option<(i64,)> =
        sqlx::query_as("SELECT account_id FROM seekers WHERE nik_hash = $1")
            .bind(nik_hash)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(worker.map(|(id,)| id))
}

pub async fn contract_company_name(
    tx: &mut Transaction<'static, Any>,
    contract_id: i64,
) -> Result<String, sqlx::Error> {
    let (company,): (String,) = sqlx::query_as(
        "SELECT co.name FROM pkwt_contracts c JOIN companies co ON co.id = c.company_id WHERE c.id = $1",
    )
    .bind(contract_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(company)
}

/// A seeker's NIK keyed hash, by their account.
pub async fn seeker_nik_hash(db: &Db, account_id: i64) -> Result<Option<String>, sqlx::Error> {
    let hash: Option<(String,)> =
        sqlx::query_as("SELECT nik_hash FROM seekers WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(hash.map(|(h,)| h))
}

/// A worker's approved contracts, latest start first.
pub async fn approved_for_worker(db: &Db, hash: &str) -> Result<Vec<ContractRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {CONTRACT_COLUMNS} WHERE c.worker_id_hash = $1 AND c.status = 'approved' ORDER BY c.start_date DESC"
    ))
    .bind(hash)
    .fetch_all(&db.pool)
    .await
}

/// What the public verification reads of an approved contract.
pub struct VerifiedRow {
    pub registration_number: String,
    pub company_name: String,
    pub worker_name: String,
    pub position: String,
    pub start_date: String,
    pub end_date: String,
    pub ended_on: Option<String>,
    pub decided_at_ms: i64,
}

pub async fn verified_contract(db: &Db, code: &str) -> Result<Option<VerifiedRow>, sqlx::Error> {
    #[expect(clippy::type_complexity)]
    let row: Option<(String, String, String, String, String, String, Option<String>, i64)> =
        sqlx::query_as(
            "SELECT c.registration_number, co.name, c.worker_name, c.position, c.start_date, \
             c.end_date, c.ended_on, c.decided_at_ms FROM pkwt_contracts c JOIN companies co ON co.id = c.company_id \
             WHERE c.verification_code = $1 AND c.status = 'approved'",
        )
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(
        |(
            registration_number,
            company_name,
            worker_name,
            position,
            start_date,
            end_date,
            ended_on,
            decided_at_ms,
        )| {
            VerifiedRow {
                registration_number,
                company_name,
                worker_name,
                position,
                start_date,
                end_date,
                ended_on,
                decided_at_ms,
            }
        },
    ))
}

/// The name of the officer who decided (empty when unknown).
pub async fn officer_name(db: &Db, account_id: Option<i64>) -> Result<Option<String>, sqlx::Error> {
    let officer: Option<(String,)> = sqlx::query_as("SELECT full_name FROM accounts WHERE id = $1")
        .bind(account_id.unwrap_or(-1))
        .fetch_optional(&db.pool)
        .await?;
    Ok(officer.map(|(n,)| n))
}
