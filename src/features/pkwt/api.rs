//! The PKWT server functions: each checks who is asking (in the service it calls) and maps errors once.
//! Registration and the bulk check take multipart bodies (the signed PDF, the CSV/XLSX file).
use leptos::{
    prelude::*,
    server_fn::codec::{MultipartData, MultipartFormData},
};

use crate::{
    core::error::AppError,
    features::pkwt::{
        model::{
            CompanyContracts, ImportOutcome, ImportPreview, PkwtFormContext, PkwtQueue,
            PkwtVerification, WorkerContract,
        },
        rules::ContractForm,
    },
};

#[cfg(feature = "ssr")]
use crate::{
    core::review::Decision,
    features::pkwt::{bulk, company, officer, public, worker},
    server::{authz::RequestCtx, error::respond, multipart},
};

#[server]
pub async fn load_pkwt_form() -> Result<PkwtFormContext, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::form_context(&ctx).await)
}

/// Registers a contract: the form's fields, the signed contract as `document` (PDF, optional), and
/// `revision_of` when correcting a contract an officer sent back. Returns the contract's id.
#[server(input = MultipartFormData)]
pub async fn register_contract(data: MultipartData) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            let upload = multipart::read(data).await?;
            let form: ContractForm = upload.form()?;
            let revision_of = upload.text("revision_of").and_then(|v| v.parse().ok());
            let document = upload.file("document").map(|(_, bytes)| bytes);
            company::register(&ctx, form, document, revision_of).await
        }
        .await,
    )
}

#[server]
pub async fn load_company_contracts() -> Result<CompanyContracts, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::company_contracts(&ctx).await)
}

#[server]
pub async fn load_revision_form(contract_id: i64) -> Result<ContractForm, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::revision_form(&ctx, contract_id).await)
}

#[server]
pub async fn end_contract_early(
    contract_id: i64,
    #[server(default)] ended_on: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::end_early(&ctx, contract_id, &ended_on).await)
}

/// Checks a bulk file (`file`: CSV or XLSX) and keeps its valid rows for confirmation.
#[server(input = MultipartFormData)]
pub async fn check_contract_import(data: MultipartData) -> Result<ImportPreview, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            let upload = multipart::read(data).await?;
            let (name, bytes) = upload
                .file("file")
                .ok_or_else(|| AppError::field("file", "err_file_empty"))?;
            bulk::preview(&ctx, &name, &bytes).await
        }
        .await,
    )
}

#[server]
pub async fn confirm_contract_import(import_id: i64) -> Result<ImportOutcome, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(bulk::confirm(&ctx, import_id).await)
}

#[server]
pub async fn load_pkwt_queue() -> Result<PkwtQueue, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::queue(&ctx).await)
}

/// `decision` is "approve", "reject" or "revise"; returns the registration number on approval.
#[server]
pub async fn decide_contract(
    contract_id: i64,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<Option<String>, AppError> {
    let ctx = RequestCtx::current().await?;
    let Some(decision) = Decision::parse(&decision) else {
        return respond(Err(AppError::field("decision", "err_choose")));
    };
    respond(officer::decide(&ctx, contract_id, decision, &reason).await)
}

#[server]
pub async fn load_my_contracts() -> Result<Vec<WorkerContract>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(worker::worker_contracts(&ctx).await)
}

/// The public check behind a receipt's QR code.
#[server]
pub async fn verify_pkwt(code: String) -> Result<PkwtVerification, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(public::verify(&ctx.state.db, &code, ctx.now_ms()).await)
}
