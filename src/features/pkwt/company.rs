//! What a company does with its PKWT registrations: register one (or resubmit one sent back for revision;
//! many at once are in `bulk`), list them, end one early, and download the receipt and the signed contract.
use sqlx::{Any, Transaction};

use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::AppError,
    },
    features::pkwt::{
        model::{CompanyContracts, DOCUMENT_MAX_BYTES, PkwtFormContext, SERVICE_WORKING_DAYS},
        receipt_pdf,
        repo::{self, ContractRow, NewContract, RuleData},
        rules::{ContractForm, ContractReview, is_late},
        views,
    },
    server::{audit, authz::RequestCtx, error::internal, storage::PendingFile},
};

pub async fn form_context(ctx: &RequestCtx) -> Result<PkwtFormContext, AppError> {
    ctx.require_company()?;
    views::form_context(&ctx.state.db).await
}

/// The earlier contract an extension or renewal names, if it is this company's, for the same worker.
async fn previous_contract(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    worker_id_hash: &str,
    form: &ContractForm,
) -> Result<Option<i64>, AppError> {
    if form.link_kind.trim() == "new" {
        return Ok(None);
    }
    let found =
        repo::previous_contract_id(tx, company_id, worker_id_hash, form.previous_number.trim())
            .await?;
    found
        .map(Some)
        .ok_or_else(|| AppError::field("previous_number", "err_previous_unknown"))
}

/// A signed contract must be a PDF, by its bytes.
pub fn check_document(bytes: &[u8]) -> Result<(), AppError> {
    if bytes.is_empty() {
        return Err(AppError::field("document", "err_file_empty"));
    }
    if bytes.len() > DOCUMENT_MAX_BYTES {
        return Err(AppError::field("document", "err_file_too_large"));
    }
    if infer::get(bytes).map(|t| t.mime_type()) != Some("application/pdf") {
        return Err(AppError::field("document", "err_file_type"));
    }
    Ok(())
}

/// Stores the signed contract before the transaction; it is deleted again unless the registration commits.
async fn store_document(
    ctx: &RequestCtx,
    company_id: i64,
    bytes: &[u8],
) -> Result<(String, PendingFile), AppError> {
    let key = format!(
        "pkwt/{company_id}/contract-{}",
        &crate::server::pii::new_token()[..20]
    );
    ctx.state.storage.put(&key, bytes).await.map_err(internal)?;
    let pending = PendingFile::new(&ctx.state.storage, &key);
    Ok((key, pending))
}

/// Writes a new registration, or the corrected content of one sent back (which keeps its id and its
/// history, with new content and a fresh clock), and records it.
async fn save(
    ctx: &RequestCtx,
    tx: &mut Transaction<'static, Any>,
    contract: &NewContract<'_>,
    revision_of: Option<i64>,
) -> Result<i64, AppError> {
    let id = match revision_of {
        Some(id) => {
            repo::update_contract(tx, id, contract).await?;
            id
        }
        None => repo::insert_contract(tx, contract).await?,
    };
    let action = if revision_of.is_some() {
        "pkwt.resubmit"
    } else {
        "pkwt.register"
    };
    audit::record(
        &mut **tx,
        ctx.audit(action, "pkwt_contract", Some(id.to_string())),
    )
    .await?;
    Ok(id)
}

/// The worker a registration is for, at this company (and the registration it corrects, if any).
#[derive(Clone, Copy)]
struct Worker<'a> {
    company_id: i64,
    hash: &'a str,
    revision_of: Option<i64>,
}

/// The checks that need the company's earlier registrations, read in the write transaction: the five-year
/// cap, the same start twice, and the contract an extension names.
async fn check_with_earlier(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleData,
    today: time::Date,
    worker: &Worker<'_>,
    form: &ContractForm,
) -> Result<(ContractReview, Option<i64>), AppError> {
    let Worker {
        company_id,
        hash,
        revision_of,
    } = *worker;
    let earlier = repo::earlier_periods(tx, company_id, hash, revision_of).await?;
    let review = form
        .check(&rules.context(today, &earlier))
        .map_err(AppError::Validation)?;
    let start = form.start_date.trim();
    if repo::duplicate_exists(tx, company_id, hash, start, revision_of).await? {
        return Err(AppError::Conflict("err_contract_exists".into()));
    }
    let previous_id = previous_contract(tx, company_id, hash, form).await?;
    Ok((review, previous_id))
}

/// Registers one contract (or resubmits one sent back for revision). Returns its id.
pub async fn register(
    ctx: &RequestCtx,
    form: ContractForm,
    document: Option<Vec<u8>>,
    revision_of: Option<i64>,
) -> Result<i64, AppError> {
    let company = ctx.require_company()?;
    let (account_id, company_id) = (company.account_id, company.company_id);
    let now = ctx.now_ms();
    let today = calendar::wib_date(now);
    let rules = RuleData::load(&ctx.state.db).await?;
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
            let (key, pending) = store_document(ctx, company_id, &bytes).await?;
            (Some(key), Some(pending))
        }
        None => (None, None),
    };
    let mut tx = ctx.state.db.begin_write().await?;
    // Claims the row first (a write), so a concurrent second resubmission finds nothing to claim.
    let first_registered_ms = match revision_of {
        Some(id) => Some(
            repo::claim_revision(&mut tx, id, company_id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let worker = Worker {
        company_id,
        hash: &worker_id_hash,
        revision_of,
    };
    let (mut review, previous_id) =
        check_with_earlier(&mut tx, &rules, today, &worker, &form).await?;
    // A correction the officer asked for does not make a contract registered in time late: lateness is
    // judged on the day it first reached the office (PP 35/2021 Ps 14).
    if let Some(first_ms) = first_registered_ms {
        review.late = parse_date(form.signed_date.trim())
            .is_some_and(|signed| is_late(&rules.holidays, signed, calendar::wib_date(first_ms)));
    }
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
        due_at_ms: rules.holidays.service_deadline(now, SERVICE_WORKING_DAYS),
    };
    let id = save(ctx, &mut tx, &contract, revision_of).await?;
    tx.commit().await?;
    if let Some(document) = pending_document {
        document.keep();
    }
    Ok(id)
}

pub async fn company_contracts(ctx: &RequestCtx) -> Result<CompanyContracts, AppError> {
    let company_id = ctx.require_company()?.company_id;
    let db = &ctx.state.db;
    let rows = repo::company_contracts(db, company_id).await?;
    let company_verified = crate::server::authz::company_verified(&db.pool, company_id).await?;
    // The list shows workers' names and masked ids: a read of personal data, logged.
    audit::record(
        &db.pool,
        ctx.audit("pkwt.company_read", "pkwt_contract", None),
    )
    .await?;
    let contracts = rows
        .into_iter()
        .map(|row| views::company_contract(&ctx.state.pii, row))
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(CompanyContracts {
        contracts,
        company_verified,
    })
}

/// The form values of a contract sent back for revision, so the company corrects rather than retypes.
pub async fn revision_form(ctx: &RequestCtx, id: i64) -> Result<ContractForm, AppError> {
    let company_id = ctx.require_company()?.company_id;
    let row = repo::revision_row(&ctx.state.db, id, company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("pkwt.revision_read", "pkwt_contract", Some(id.to_string())),
    )
    .await?;
    views::revision_form(&ctx.state.pii, row)
}

/// Records that an approved contract ended before its end date (compensation follows the time served).
pub async fn end_early(ctx: &RequestCtx, id: i64, ended_on: &str) -> Result<(), AppError> {
    let company_id = ctx.require_company()?.company_id;
    let day = parse_date(ended_on.trim()).ok_or_else(|| AppError::field("ended_on", "err_date"))?;
    let mut tx = ctx.state.db.begin_write().await?;
    let (start, end) = repo::approved_period(&mut tx, id, company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (Some(start), Some(end)) = (parse_date(&start), parse_date(&end)) else {
        return Err(AppError::NotFound);
    };
    if day < start || day >= end {
        return Err(AppError::field("ended_on", "err_early_end_range"));
    }
    // Guarded like the read above: a second identical request at the same moment records nothing twice.
    if !repo::mark_ended_early(&mut tx, id, &format_date(day)).await? {
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

/// A contract the caller may see in full: its company's members, or staff.
async fn visible_contract(ctx: &RequestCtx, id: i64) -> Result<ContractRow, AppError> {
    let user = ctx.require_signed_in()?;
    let row = repo::contract(&ctx.state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.role.is_staff() || user.company_id == Some(row.company_id) {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// The receipt PDF of an approved contract (its company, or staff).
pub async fn receipt(ctx: &RequestCtx, id: i64) -> Result<(String, Vec<u8>), AppError> {
    let row = visible_contract(ctx, id).await?;
    if row.status != "approved" {
        return Err(AppError::NotFound);
    }
    let officer = repo::officer_name(&ctx.state.db, row.decided_by).await?;
    let number = row.registration_number.clone().unwrap_or_default();
    let public_url = &ctx.state.config.server.public_url;
    let data = views::receipt_data(&ctx.state.pii, row, officer, public_url)?;
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
