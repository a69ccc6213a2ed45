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
    features::{
        ak1::model::Decision,
        pkwt::{bulk, service},
    },
    server::{authz::RequestCtx, error::respond},
};

#[server]
pub async fn load_pkwt_form() -> Result<PkwtFormContext, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::form_context(&ctx).await)
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
            service::register(&ctx, form, document, revision_of).await
        }
        .await,
    )
}

#[server]
pub async fn load_company_contracts() -> Result<CompanyContracts, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::company_contracts(&ctx).await)
}

#[server]
pub async fn load_revision_form(contract_id: i64) -> Result<ContractForm, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::revision_form(&ctx, contract_id).await)
}

#[server]
pub async fn end_contract_early(
    contract_id: i64,
    #[server(default)] ended_on: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::end_early(&ctx, contract_id, &ended_on).await)
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
    respond(service::queue(&ctx).await)
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
    respond(service::decide(&ctx, contract_id, decision, &reason).await)
}

#[server]
pub async fn load_my_contracts() -> Result<Vec<WorkerContract>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::worker_contracts(&ctx).await)
}

/// The public check behind a receipt's QR code.
#[server]
pub async fn verify_pkwt(code: String) -> Result<PkwtVerification, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::verify(&ctx.state.db, &code, ctx.now_ms()).await)
}

/// Reading multipart bodies into text fields and files.
#[cfg(feature = "ssr")]
mod multipart {
    use std::collections::HashMap;

    use leptos::server_fn::codec::MultipartData;

    use crate::{core::error::AppError, features::pkwt::rules::ContractForm};

    pub struct Upload {
        texts: HashMap<String, String>,
        files: HashMap<String, (String, Vec<u8>)>,
    }

    impl Upload {
        pub fn text(&self, name: &str) -> Option<&str> {
            self.texts
                .get(name)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
        }

        /// A file field that was filled in (a form sends an empty part for an empty file input).
        pub fn file(&self, name: &str) -> Option<(String, Vec<u8>)> {
            self.files
                .get(name)
                .filter(|(file_name, bytes)| !(file_name.is_empty() && bytes.is_empty()))
                .cloned()
        }

        /// The contract form from the text fields (unknown fields ignored, missing ones empty).
        pub fn form(&self) -> Result<ContractForm, AppError> {
            let map: serde_json::Map<String, serde_json::Value> = self
                .texts
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect();
            serde_json::from_value(serde_json::Value::Object(map))
                .map_err(|_| AppError::field("form", "err_validation"))
        }
    }

    pub async fn read(data: MultipartData) -> Result<Upload, AppError> {
        let too_large = || AppError::field("file", "err_file_too_large");
        let mut multipart = data
            .into_inner()
            .ok_or_else(|| AppError::Transport("multipart".into()))?;
        let mut upload = Upload {
            texts: HashMap::new(),
            files: HashMap::new(),
        };
        while let Some(field) = multipart.next_field().await.map_err(|_| too_large())? {
            let Some(name) = field.name().map(str::to_owned) else {
                continue;
            };
            match field.file_name().map(str::to_owned) {
                Some(file_name) => {
                    let bytes = field.bytes().await.map_err(|_| too_large())?;
                    upload.files.insert(name, (file_name, bytes.to_vec()));
                }
                None => {
                    let text = field.text().await.map_err(|_| too_large())?;
                    upload.texts.insert(name, text);
                }
            }
        }
        Ok(upload)
    }
}
