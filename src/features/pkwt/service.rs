//! PKWT registration on the server: the company's registrations (one at a time here, many in `bulk`), the
//! officer's queue and decision with the registration number, the worker's own contracts, the public
//! verification and the receipt.
use rand::{Rng, distr::Alphanumeric};
use sqlx::{Any, FromRow, Row, Transaction};

use crate::{
    core::{
        calendar::{self, HolidayCalendar, format_date, parse_date},
        error::AppError,
        money::Rupiah,
    },
    features::{
        accounts::model::normalize_text,
        ak1::model::{Decision, REGENCY},
        pkwt::{
            model::{
                CompanyContract, CompanyContracts, PkwtFormContext, PkwtQueue, PkwtVerification,
                QUEUE_PAGE_SIZE, QueueContract, SERVICE_WORKING_DAYS, WorkerContract, mask_name,
                mask_worker_id,
            },
            receipt_pdf::{self, ReceiptData},
            rules::{
                Compensation, ContractForm, ContractReview, Period, RuleContext, compensation,
            },
        },
        vacancies::service::company_of,
    },
    server::{audit, authz::RequestCtx, db::Db, error::internal, notify, reference},
};

/// The UMK of Kabupaten Tangerang by year.
pub async fn minimum_wages(db: &Db) -> Result<Vec<(i32, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT year, amount_idr FROM minimum_wages WHERE region_code = $1 AND sector_code IS NULL ORDER BY year",
    )
    .bind(crate::features::vacancies::service::REGENCY)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(year, amount)| Some((i32::try_from(year).ok()?, amount)))
        .collect())
}

/// What every check needs from the database, read once per request (or once per bulk file).
pub struct RuleData {
    pub minimum_wages: Vec<(i32, i64)>,
    pub holidays: HolidayCalendar,
}

impl RuleData {
    pub async fn load(db: &Db) -> Result<RuleData, AppError> {
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

pub async fn form_context(ctx: &RequestCtx) -> Result<PkwtFormContext, AppError> {
    company_of(ctx)?;
    let db = &ctx.state.db;
    let holidays: Vec<(String,)> = sqlx::query_as("SELECT date FROM holidays ORDER BY date")
        .fetch_all(&db.pool)
        .await?;
    Ok(PkwtFormContext {
        minimum_wages: minimum_wages(db).await?,
        holidays: holidays.into_iter().map(|(d,)| d).collect(),
    })
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
/// resubmission without a new PDF keeps the old one.
async fn update_contract(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    c: &NewContract<'_>,
) -> Result<(), sqlx::Error> {
    let query = sqlx::query(
        "UPDATE pkwt_contracts SET worker_id_ciphertext = $1, worker_id_hash = $2, worker_name = $3, worker_sex = $4, \
         worker_birth_date = $5, worker_address = $6, foreign_worker = $7, position = $8, workplace = $9, wage_idr = $10, \
         wage_with_allowances = $11, contract_kind = $12, days_per_month = $13, start_date = $14, end_date = $15, \
         signed_place = $16, signed_date = $17, link_kind = $18, previous_id = $19, \
         document_key = COALESCE($20, document_key), late = $21, submitted_at_ms = $22, due_at_ms = $23, \
         submitted_by = $24 WHERE id = $25",
    );
    bind_content(query, c).bind(id).execute(&mut **tx).await?;
    Ok(())
}

/// The earlier contract an extension or renewal names, if it is this company's, for the same worker.
pub async fn previous_contract(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    worker_id_hash: &str,
    form: &ContractForm,
) -> Result<Option<i64>, AppError> {
    if form.link_kind.trim() == "new" {
        return Ok(None);
    }
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM pkwt_contracts WHERE registration_number = $1 AND company_id = $2 AND worker_id_hash = $3",
    )
    .bind(form.previous_number.trim())
    .bind(company_id)
    .bind(worker_id_hash)
    .fetch_optional(&mut **tx)
    .await?;
    found
        .map(|(id,)| Some(id))
        .ok_or_else(|| AppError::field("previous_number", "err_previous_unknown"))
}

/// A signed contract must be a PDF, by its bytes.
pub fn check_document(bytes: &[u8]) -> Result<(), AppError> {
    if bytes.is_empty() {
        return Err(AppError::field("document", "err_file_empty"));
    }
    if bytes.len() > super::model::DOCUMENT_MAX_BYTES {
        return Err(AppError::field("document", "err_file_too_large"));
    }
    if infer::get(bytes).map(|t| t.mime_type()) != Some("application/pdf") {
        return Err(AppError::field("document", "err_file_type"));
    }
    Ok(())
}

/// Registers one contract (or resubmits one sent back for revision). Returns its id.
pub async fn register(
    ctx: &RequestCtx,
    form: ContractForm,
    document: Option<Vec<u8>>,
    revision_of: Option<i64>,
) -> Result<i64, AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let today = calendar::wib_date(now);
    let rules = RuleData::load(db).await?;
    // The browser's check, without the earlier contracts: field errors before any look-up.
    form.check(&rules.context(today, &[]))
        .map_err(AppError::Validation)?;
    if let Some(bytes) = &document {
        check_document(bytes)?;
    }
    let worker_id = form.normalized_worker_id();
    let worker_id_hash = ctx.state.pii.blind_index(&worker_id);
    let worker_id_ciphertext = ctx
        .state
        .pii
        .encrypt(&worker_id)
        .map_err(|_| internal("worker id encryption failed"))?;
    let (document_key, pending_document) = match document {
        Some(bytes) => {
            let key = format!(
                "pkwt/{company_id}/contract-{}",
                &crate::server::pii::new_token()[..20]
            );
            ctx.state
                .storage
                .put(&key, &bytes)
                .await
                .map_err(internal)?;
            let pending = crate::server::storage::PendingFile::new(&ctx.state.storage, &key);
            (Some(key), Some(pending))
        }
        None => (None, None),
    };
    let mut tx = db.begin_write().await?;
    if let Some(id) = revision_of {
        // Claims the row first (a write), so a concurrent second resubmission finds nothing to claim.
        let claimed = sqlx::query(
            "UPDATE pkwt_contracts SET status = 'waiting' WHERE id = $1 AND company_id = $2 AND status = 'revision'",
        )
        .bind(id)
        .bind(company_id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            return Err(AppError::NotFound);
        }
    }
    let earlier = earlier_periods(&mut tx, company_id, &worker_id_hash, revision_of).await?;
    let review = form
        .check(&rules.context(today, &earlier))
        .map_err(AppError::Validation)?;
    let duplicate: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM pkwt_contracts WHERE company_id = $1 AND worker_id_hash = $2 AND start_date = $3 \
         AND status <> 'rejected' AND id <> $4",
    )
    .bind(company_id)
    .bind(&worker_id_hash)
    .bind(form.start_date.trim())
    .bind(revision_of.unwrap_or(-1))
    .fetch_optional(&mut *tx)
    .await?;
    if duplicate.is_some() {
        return Err(AppError::Conflict("err_contract_exists".into()));
    }
    let previous_id = previous_contract(&mut tx, company_id, &worker_id_hash, &form).await?;
    let due = rules.holidays.service_deadline(now, SERVICE_WORKING_DAYS);
    let contract = NewContract {
        company_id,
        form: &form,
        review: &review,
        worker_id_ciphertext,
        worker_id_hash,
        previous_id,
        document_key,
        import_id: None,
        submitted_by: account_id,
        now_ms: now,
        due_at_ms: due,
    };
    let id = match revision_of {
        // The corrected contract keeps its id (and its history), with new content and a fresh clock.
        Some(id) => {
            update_contract(&mut tx, id, &contract).await?;
            id
        }
        None => insert_contract(&mut tx, &contract).await?,
    };
    let action = if revision_of.is_some() {
        "pkwt.resubmit"
    } else {
        "pkwt.register"
    };
    audit::record(
        &mut *tx,
        ctx.audit(action, "pkwt_contract", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    if let Some(document) = pending_document {
        document.keep();
    }
    Ok(id)
}

#[derive(FromRow)]
struct ContractRow {
    id: i64,
    company_id: i64,
    company_name: String,
    worker_id_ciphertext: String,
    worker_name: String,
    foreign_worker: i64,
    position: String,
    workplace: String,
    wage_idr: i64,
    contract_kind: String,
    days_per_month: Option<i64>,
    start_date: String,
    end_date: String,
    signed_place: String,
    signed_date: String,
    link_kind: String,
    late: i64,
    status: String,
    submitted_at_ms: i64,
    due_at_ms: i64,
    officer_note: Option<String>,
    registration_number: Option<String>,
    verification_code: Option<String>,
    decided_at_ms: Option<i64>,
    decided_by: Option<i64>,
    ended_on: Option<String>,
    ended_early: i64,
    document_key: Option<String>,
}

const CONTRACT_COLUMNS: &str = "c.id, c.company_id, co.name AS company_name, c.worker_id_ciphertext, c.worker_name, \
    c.foreign_worker, c.position, c.workplace, c.wage_idr, c.contract_kind, c.days_per_month, c.start_date, c.end_date, \
    c.signed_place, c.signed_date, c.link_kind, c.late, c.status, c.submitted_at_ms, c.due_at_ms, c.officer_note, \
    c.registration_number, c.verification_code, c.decided_at_ms, c.decided_by, c.ended_on, c.ended_early, c.document_key \
    FROM pkwt_contracts c JOIN companies co ON co.id = c.company_id";

impl ContractRow {
    fn compensation(&self) -> Compensation {
        let start = parse_date(&self.start_date);
        let end = self
            .ended_on
            .as_deref()
            .and_then(parse_date)
            .or_else(|| parse_date(&self.end_date));
        match (start, end) {
            (Some(start), Some(end)) => {
                compensation(start, end, self.wage_idr, self.foreign_worker == 1)
            }
            _ => Compensation {
                months: 0,
                days: 0,
                amount: Rupiah(0),
                none_reason: Some("none_short".into()),
            },
        }
    }

    /// The end that counts: the early end when there was one.
    fn effective_end(&self) -> String {
        self.ended_on
            .clone()
            .unwrap_or_else(|| self.end_date.clone())
    }

    fn worker_id(&self, ctx: &RequestCtx) -> Result<String, AppError> {
        ctx.state
            .pii
            .decrypt(&self.worker_id_ciphertext)
            .map_err(|_| internal("worker id decryption failed"))
    }
}

async fn load_contract(ctx: &RequestCtx, id: i64) -> Result<ContractRow, AppError> {
    sqlx::query_as(&format!("SELECT {CONTRACT_COLUMNS} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&ctx.state.db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// A contract the caller may see in full: its company's members, or staff.
async fn visible_contract(ctx: &RequestCtx, id: i64) -> Result<ContractRow, AppError> {
    let user = ctx.require_signed_in()?;
    let row = load_contract(ctx, id).await?;
    if user.role.is_staff() || user.company_id == Some(row.company_id) {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn company_contracts(ctx: &RequestCtx) -> Result<CompanyContracts, AppError> {
    let (_, company_id) = company_of(ctx)?;
    let rows: Vec<ContractRow> = sqlx::query_as(&format!(
        "SELECT {CONTRACT_COLUMNS} WHERE c.company_id = $1 ORDER BY c.submitted_at_ms DESC, c.id DESC LIMIT 500"
    ))
    .bind(company_id)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    let (verified,): (i64,) = sqlx::query_as("SELECT verified FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_one(&ctx.state.db.pool)
        .await?;
    // The list shows workers' names and masked ids: a read of personal data, logged.
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("pkwt.company_read", "pkwt_contract", None),
    )
    .await?;
    let contracts = rows
        .into_iter()
        .map(|row| {
            Ok(CompanyContract {
                id: row.id,
                worker_id_masked: mask_worker_id(&row.worker_id(ctx)?),
                compensation: row.compensation(),
                end_date: row.effective_end(),
                worker_name: row.worker_name,
                position: row.position,
                start_date: row.start_date,
                wage: Rupiah(row.wage_idr),
                contract_kind: row.contract_kind,
                link_kind: row.link_kind,
                status: row.status,
                late: row.late == 1,
                registration_number: row.registration_number,
                verification_code: row.verification_code,
                officer_note: row.officer_note,
                ended_early: row.ended_early == 1,
                has_document: row.document_key.is_some(),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(CompanyContracts {
        contracts,
        company_verified: verified == 1,
    })
}

/// The form values of a contract sent back for revision, so the company corrects rather than retypes.
pub async fn revision_form(ctx: &RequestCtx, id: i64) -> Result<ContractForm, AppError> {
    let (_, company_id) = company_of(ctx)?;
    #[derive(FromRow)]
    struct Row {
        worker_id_ciphertext: String,
        worker_name: String,
        worker_sex: String,
        worker_birth_date: String,
        worker_address: String,
        foreign_worker: i64,
        position: String,
        workplace: String,
        wage_idr: i64,
        wage_with_allowances: i64,
        contract_kind: String,
        days_per_month: Option<i64>,
        start_date: String,
        end_date: String,
        signed_place: String,
        signed_date: String,
        link_kind: String,
        previous_number: Option<String>,
    }
    let row: Row = sqlx::query_as(
        "SELECT c.worker_id_ciphertext, c.worker_name, c.worker_sex, c.worker_birth_date, c.worker_address, \
         c.foreign_worker, c.position, c.workplace, c.wage_idr, c.wage_with_allowances, c.contract_kind, \
         c.days_per_month, c.start_date, c.end_date, c.signed_place, c.signed_date, c.link_kind, \
         p.registration_number AS previous_number FROM pkwt_contracts c \
         LEFT JOIN pkwt_contracts p ON p.id = c.previous_id \
         WHERE c.id = $1 AND c.company_id = $2 AND c.status = 'revision'",
    )
    .bind(id)
    .bind(company_id)
    .fetch_optional(&ctx.state.db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("pkwt.revision_read", "pkwt_contract", Some(id.to_string())),
    )
    .await?;
    let flag = |v: i64| (v == 1).then(|| "on".to_owned());
    Ok(ContractForm {
        worker_id: ctx
            .state
            .pii
            .decrypt(&row.worker_id_ciphertext)
            .map_err(|_| internal("worker id decryption failed"))?,
        worker_name: row.worker_name,
        worker_sex: row.worker_sex,
        worker_birth_date: row.worker_birth_date,
        worker_address: row.worker_address,
        foreign_worker: flag(row.foreign_worker),
        position: row.position,
        workplace: row.workplace,
        wage: Rupiah(row.wage_idr).to_string(),
        wage_with_allowances: flag(row.wage_with_allowances),
        contract_kind: row.contract_kind,
        days_per_month: row
            .days_per_month
            .map(|d| d.to_string())
            .unwrap_or_default(),
        start_date: row.start_date,
        end_date: row.end_date,
        signed_place: row.signed_place,
        signed_date: row.signed_date,
        link_kind: row.link_kind,
        previous_number: row.previous_number.unwrap_or_default(),
    })
}

/// Waiting contracts, oldest first, with the one-working-day clock. Opening it shows personal data: logged.
pub async fn queue(ctx: &RequestCtx) -> Result<PkwtQueue, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let (total_waiting, overdue): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN due_at_ms < $1 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM pkwt_contracts WHERE status = 'waiting'",
    )
    .bind(ctx.now_ms())
    .fetch_one(&db.pool)
    .await?;
    let rows: Vec<ContractRow> = sqlx::query_as(&format!(
        "SELECT {CONTRACT_COLUMNS} WHERE c.status = 'waiting' ORDER BY c.submitted_at_ms, c.id LIMIT $1"
    ))
    .bind(QUEUE_PAGE_SIZE)
    .fetch_all(&db.pool)
    .await?;
    audit::record(
        &db.pool,
        ctx.audit("pkwt.queue_read", "pkwt_contract", None),
    )
    .await?;
    let items = rows
        .into_iter()
        .map(|row| {
            Ok(QueueContract {
                id: row.id,
                worker_id_masked: mask_worker_id(&row.worker_id(ctx)?),
                has_document: row.document_key.is_some(),
                company_name: row.company_name,
                worker_name: row.worker_name,
                foreign_worker: row.foreign_worker == 1,
                position: row.position,
                workplace: row.workplace,
                start_date: row.start_date,
                end_date: row.end_date,
                wage: Rupiah(row.wage_idr),
                contract_kind: row.contract_kind,
                days_per_month: row.days_per_month,
                link_kind: row.link_kind,
                signed_date: row.signed_date,
                late: row.late == 1,
                submitted_at_ms: row.submitted_at_ms,
                due_at_ms: row.due_at_ms,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(PkwtQueue {
        total_waiting,
        overdue,
        items,
    })
}

/// `PKWT/3603/2026/000123`
pub fn registration_number(year: i32, serial: i64) -> String {
    format!("PKWT/{REGENCY}/{year}/{serial:06}")
}

/// Approve (a registration number), reject, or ask for a revision. Exactly one officer decides.
pub async fn decide(
    ctx: &RequestCtx,
    contract_id: i64,
    decision: Decision,
    reason: &str,
) -> Result<Option<String>, AppError> {
    let officer = ctx.require_staff()?.clone();
    let reason = if decision.needs_reason() {
        Some(normalize_text(reason, 5, 1000).map_err(|key| AppError::field("reason", key))?)
    } else {
        None
    };
    let now = ctx.now_ms();
    let today = calendar::wib_date(now);
    let status = match decision {
        Decision::Approve => "approved",
        Decision::Reject => "rejected",
        Decision::Revise => "revision",
    };
    let mut tx = ctx.state.db.begin_write().await?;
    // Writing first takes SQLite's write lock at once and locks the row on PostgreSQL.
    let claimed = sqlx::query(
        "UPDATE pkwt_contracts SET status = $1, officer_note = $2, decided_by = $3, decided_at_ms = $4 \
         WHERE id = $5 AND status = 'waiting'",
    )
    .bind(status)
    .bind(&reason)
    .bind(officer.account_id)
    .bind(now)
    .bind(contract_id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_reviewed".into()));
    }
    let number = if decision == Decision::Approve {
        let (serial,): (i64,) = sqlx::query_as(
            "INSERT INTO pkwt_number_counters (year, last_serial) VALUES ($1, 1) \
             ON CONFLICT (year) DO UPDATE SET last_serial = pkwt_number_counters.last_serial + 1 RETURNING last_serial",
        )
        .bind(i64::from(today.year()))
        .fetch_one(&mut *tx)
        .await?;
        let number = registration_number(today.year(), serial);
        let code: String = rand::rng()
            .sample_iter(&Alphanumeric)
            .take(16)
            .map(char::from)
            .collect();
        sqlx::query(
            "UPDATE pkwt_contracts SET registration_number = $1, verification_code = $2 WHERE id = $3",
        )
        .bind(&number)
        .bind(code)
        .bind(contract_id)
        .execute(&mut *tx)
        .await?;
        Some(number)
    } else {
        None
    };
    notify_decision(ctx, &mut tx, contract_id, decision, now).await?;
    let action = match decision {
        Decision::Approve => "pkwt.approve",
        Decision::Reject => "pkwt.reject",
        Decision::Revise => "pkwt.request_revision",
    };
    audit::record(
        &mut *tx,
        ctx.audit(action, "pkwt_contract", Some(contract_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(number)
}

/// Tells the person who registered the contract, and on approval the worker if they have an account.
async fn notify_decision(
    ctx: &RequestCtx,
    tx: &mut Transaction<'static, Any>,
    contract_id: i64,
    decision: Decision,
    now: i64,
) -> Result<(), AppError> {
    let (submitted_by, email, worker_name, worker_id_hash): (i64, String, String, String) =
        sqlx::query_as(
            "SELECT c.submitted_by, a.email, c.worker_name, c.worker_id_hash FROM pkwt_contracts c \
             JOIN accounts a ON a.id = c.submitted_by WHERE c.id = $1",
        )
        .bind(contract_id)
        .fetch_one(&mut **tx)
        .await?;
    let public_url = ctx.state.config.server.public_url.clone();
    let key = match decision {
        Decision::Approve => "notice_pkwt_approved",
        Decision::Reject => "notice_pkwt_rejected",
        Decision::Revise => "notice_pkwt_revision",
    };
    notify::send(
        tx,
        notify::Notice {
            account_id: submitted_by,
            message_key: key,
            subject: &worker_name,
            link: Some("/perusahaan/pkwt".to_owned()),
            now_ms: now,
            email: Some(notify::Email {
                to: &email,
                public_url: &public_url,
            }),
        },
    )
    .await?;
    if decision == Decision::Approve {
        let worker: Option<(i64,)> =
            sqlx::query_as("SELECT account_id FROM seekers WHERE nik_hash = $1")
                .bind(&worker_id_hash)
                .fetch_optional(&mut **tx)
                .await?;
        if let Some((account_id,)) = worker {
            let (company,): (String,) = sqlx::query_as(
                "SELECT co.name FROM pkwt_contracts c JOIN companies co ON co.id = c.company_id WHERE c.id = $1",
            )
            .bind(contract_id)
            .fetch_one(&mut **tx)
            .await?;
            notify::send(
                tx,
                notify::Notice {
                    account_id,
                    message_key: "notice_pkwt_registered_worker",
                    subject: &company,
                    link: Some("/akun/kontrak".to_owned()),
                    now_ms: now,
                    email: None,
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// The signed-in seeker's registered contracts (matched by their NIK's keyed hash).
pub async fn worker_contracts(ctx: &RequestCtx) -> Result<Vec<WorkerContract>, AppError> {
    let seeker = ctx.require(crate::core::role::Role::Seeker)?.clone();
    let db = &ctx.state.db;
    let hash: Option<(String,)> =
        sqlx::query_as("SELECT nik_hash FROM seekers WHERE account_id = $1")
            .bind(seeker.account_id)
            .fetch_optional(&db.pool)
            .await?;
    let Some((hash,)) = hash else {
        return Ok(Vec::new());
    };
    let rows: Vec<ContractRow> = sqlx::query_as(&format!(
        "SELECT {CONTRACT_COLUMNS} WHERE c.worker_id_hash = $1 AND c.status = 'approved' ORDER BY c.start_date DESC"
    ))
    .bind(&hash)
    .fetch_all(&db.pool)
    .await?;
    audit::record(
        &db.pool,
        ctx.audit("pkwt.worker_read", "pkwt_contract", None)
            .about(seeker.account_id),
    )
    .await?;
    let today = calendar::wib_date(ctx.now_ms());
    Ok(rows
        .into_iter()
        .map(|row| {
            let end = row.effective_end();
            WorkerContract {
                days_left: parse_date(&end).map_or(0, |e| (e - today).whole_days()),
                compensation: row.compensation(),
                end_date: end,
                company_name: row.company_name,
                position: row.position,
                workplace: row.workplace,
                start_date: row.start_date,
                wage: Rupiah(row.wage_idr),
                registration_number: row.registration_number.unwrap_or_default(),
                ended_early: row.ended_early == 1,
            }
        })
        .collect())
}

/// The public check behind the receipt's QR code: masked fields only.
pub async fn verify(db: &Db, code: &str, now_ms: i64) -> Result<PkwtVerification, AppError> {
    let code = code.trim();
    if code.is_empty() || code.len() > 64 {
        return Err(AppError::NotFound);
    }
    #[allow(clippy::type_complexity)]
    let row: Option<(String, String, String, String, String, String, Option<String>, i64)> =
        sqlx::query_as(
            "SELECT c.registration_number, co.name, c.worker_name, c.position, c.start_date, \
             c.end_date, c.ended_on, c.decided_at_ms FROM pkwt_contracts c JOIN companies co ON co.id = c.company_id \
             WHERE c.verification_code = $1 AND c.status = 'approved'",
        )
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
    let (number, company, name, position, start, end, ended_on, decided) =
        row.ok_or(AppError::NotFound)?;
    let end = ended_on.unwrap_or(end);
    let today = format_date(calendar::wib_date(now_ms));
    Ok(PkwtVerification {
        registration_number: number,
        company_name: company,
        worker_name_masked: mask_name(&name),
        position,
        start_date: start,
        state: if end < today { "ended" } else { "active" }.into(),
        end_date: end,
        registered_on: format_date(calendar::wib_date(decided)),
    })
}

/// The receipt PDF of an approved contract (its company, or staff).
pub async fn receipt(ctx: &RequestCtx, id: i64) -> Result<(String, Vec<u8>), AppError> {
    let row = visible_contract(ctx, id).await?;
    if row.status != "approved" {
        return Err(AppError::NotFound);
    }
    let officer: Option<(String,)> = sqlx::query_as("SELECT full_name FROM accounts WHERE id = $1")
        .bind(row.decided_by.unwrap_or(-1))
        .fetch_optional(&ctx.state.db.pool)
        .await?;
    let t = crate::core::i18n::Lang::Id.strings();
    let number = row.registration_number.clone().unwrap_or_default();
    let data = ReceiptData {
        registration_number: number.clone(),
        worker_id_masked: mask_worker_id(&row.worker_id(ctx)?),
        company_name: row.company_name,
        worker_name: row.worker_name,
        position: row.position,
        workplace: row.workplace,
        contract_kind: t
            .lookup(&format!("pkwt_kind_{}", row.contract_kind))
            .unwrap_or_default()
            .to_owned(),
        start_date: row.start_date,
        end_date: row.end_date,
        wage: Rupiah(row.wage_idr).to_string(),
        signed: format!("{}, {}", row.signed_place, row.signed_date),
        registered_on: row
            .decided_at_ms
            .map(|ms| format_date(calendar::wib_date(ms)))
            .unwrap_or_default(),
        officer_name: officer.map(|(n,)| n).unwrap_or_default(),
        late: row.late == 1,
        verify_url: format!(
            "{}/verifikasi/pkwt/{}",
            ctx.state.config.server.public_url.trim_end_matches('/'),
            row.verification_code.clone().unwrap_or_default()
        ),
    };
    let bytes = tokio::task::spawn_blocking(move || receipt_pdf::render(&data))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("pkwt.receipt", "pkwt_contract", Some(id.to_string())),
    )
    .await?;
    Ok((number, bytes))
}

/// The signed contract as uploaded (its company, or staff; staff reads are logged).
pub async fn document(ctx: &RequestCtx, id: i64) -> Result<Vec<u8>, AppError> {
    let row = visible_contract(ctx, id).await?;
    let key = row.document_key.clone().ok_or(AppError::NotFound)?;
    let bytes = ctx.state.storage.get(&key).await.map_err(internal)?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("pkwt.document_read", "pkwt_contract", Some(id.to_string())),
    )
    .await?;
    Ok(bytes)
}

/// Records that an approved contract ended before its end date (compensation follows the time served).
pub async fn end_early(ctx: &RequestCtx, id: i64, ended_on: &str) -> Result<(), AppError> {
    let (_, company_id) = company_of(ctx)?;
    let day = parse_date(ended_on.trim()).ok_or_else(|| AppError::field("ended_on", "err_date"))?;
    let mut tx = ctx.state.db.begin_write().await?;
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT start_date, end_date FROM pkwt_contracts WHERE id = $1 AND company_id = $2 AND status = 'approved' \
         AND ended_early = 0",
    )
    .bind(id)
    .bind(company_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (start, end) = row.ok_or(AppError::NotFound)?;
    let (Some(start), Some(end)) = (parse_date(&start), parse_date(&end)) else {
        return Err(AppError::NotFound);
    };
    if day < start || day >= end {
        return Err(AppError::field("ended_on", "err_early_end_range"));
    }
    // Guarded like the read above: a second identical request at the same moment records nothing twice.
    let ended = sqlx::query(
        "UPDATE pkwt_contracts SET ended_on = $1, ended_early = 1 WHERE id = $2 AND ended_early = 0",
    )
    .bind(format_date(day))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if ended.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_done".into()));
    }
    audit::record(
        &mut *tx,
        ctx.audit("pkwt.end_early", "pkwt_contract", Some(id.to_string()))
            .detail(&format_date(day)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
