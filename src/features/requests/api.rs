//! The requests' server functions: thin, each checks who is asking (in the action or view it calls) and
//! maps errors once. Filings and corrections come as multipart bodies (their documents are files).
use leptos::{
    prelude::*,
    server_fn::codec::{MultipartData, MultipartFormData},
};

use crate::{
    core::error::AppError,
    features::requests::model::{
        CompanyRequests, OfficerRequests, PhkView, RequestType, RequestVerification,
        types::TypeForm,
    },
};

#[cfg(feature = "ssr")]
use crate::{
    features::requests::{admin, company, officer, public, views, worker},
    server::{authz::RequestCtx, error::respond, multipart},
};

#[server]
pub async fn load_company_requests() -> Result<CompanyRequests, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::company_view(&ctx).await)
}

/// A new filing: `type_id`, the type's fields as `f_<key>` and its documents as `d_<key>`. Returns its code.
#[server(input = MultipartFormData)]
pub async fn file_request(data: MultipartData) -> Result<String, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            let upload = multipart::read(data).await?;
            company::file(&ctx, &upload).await
        }
        .await,
    )
}

/// A corrected filing: `request_id`, the fields and any new documents.
#[server(input = MultipartFormData)]
pub async fn correct_request(data: MultipartData) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            let upload = multipart::read(data).await?;
            company::correct(&ctx, &upload).await
        }
        .await,
    )
}

#[server]
pub async fn withdraw_request(request_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::withdraw(&ctx, request_id).await)
}

/// A new stage of a tracked foreign-worker permit application.
#[server]
pub async fn track_request(
    request_id: i64,
    #[server(default)] stage: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::track(&ctx, request_id, &stage, &note).await)
}

#[server]
pub async fn load_officer_requests() -> Result<OfficerRequests, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::officer_view(&ctx).await)
}

/// `decision` is "review", "approve", "revise" or "reject" (the last two with a reason).
#[server]
pub async fn decide_request(
    request_id: i64,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::decide(&ctx, request_id, &decision, &reason).await)
}

#[server]
pub async fn load_request_types() -> Result<Vec<RequestType>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::admin_types(&ctx).await)
}

/// Saves a type (`type_id` 0 adds one); returns its id.
#[server]
pub async fn save_request_type(
    #[server(default)] type_id: i64,
    #[server(default)] form: TypeForm,
) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(admin::save_type(&ctx, type_id, &form).await)
}

/// The public check behind an issued document's QR code.
#[server]
pub async fn verify_request(code: String) -> Result<RequestVerification, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(public::verify(&ctx.state.db, &code).await)
}

/// The worker's strike notices filed for a union, and the notice types they may file (filed through
/// `file_request` with the employer's NIB).
#[server]
pub async fn load_union_notices() -> Result<CompanyRequests, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::union_view(&ctx).await)
}

#[server]
pub async fn load_my_phk() -> Result<Vec<PhkView>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(worker::my_reports(&ctx).await)
}

#[server]
pub async fn object_phk(
    request_id: i64,
    #[server(default)] objection: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(worker::object(&ctx, request_id, &objection).await)
}
