//! The K3 server functions: each checks who is asking (in the action or view it calls) and maps errors
//! once. Photos, inspection findings and order evidence come as multipart bodies.
use leptos::{
    prelude::*,
    server_fn::codec::{MultipartData, MultipartFormData},
};

use crate::{
    core::error::AppError,
    features::safety::model::{AccidentForm, CompanySafety, P2k3Form, Smk3Form},
};

#[cfg(feature = "ssr")]
use crate::{
    features::safety::{company, officer, views},
    server::{authz::RequestCtx, error::respond, multipart},
};

#[server]
pub async fn load_company_safety() -> Result<CompanySafety, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::company_view(&ctx).await)
}

/// Returns the accident's id.
#[server]
pub async fn report_accident(#[server(default)] form: AccidentForm) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::report_accident(&ctx, form).await)
}

/// A photo of an accident: `accident_id` and the file as `photo`.
#[server(input = MultipartFormData)]
pub async fn add_accident_photo(data: MultipartData) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            ctx.require_company()?;
            let upload = multipart::read(data).await?;
            let id = upload
                .text("accident_id")
                .and_then(|v| v.parse().ok())
                .ok_or(AppError::NotFound)?;
            let photo = upload.file("photo").map(|(_, bytes)| bytes);
            company::add_photo(&ctx, id, photo).await
        }
        .await,
    )
}

#[server]
pub async fn submit_smk3_check(#[server(default)] form: Smk3Form) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::smk3_check(&ctx, form).await)
}

#[server]
pub async fn submit_p2k3_check(#[server(default)] form: P2k3Form) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::p2k3_check(&ctx, form).await)
}

/// An order reported done: `order_id`, `note` and the file as `evidence`.
#[server(input = MultipartFormData)]
pub async fn report_order_done(data: MultipartData) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            ctx.require_company()?;
            let upload = multipart::read(data).await?;
            let id = upload
                .text("order_id")
                .and_then(|v| v.parse().ok())
                .ok_or(AppError::NotFound)?;
            let note = upload.text("note").unwrap_or_default().to_owned();
            let evidence = upload.file("evidence").map(|(_, bytes)| bytes);
            company::order_done(&ctx, id, &note, evidence).await
        }
        .await,
    )
}

/// An officer attaches inspection findings: `company_id`, `inspected_on`, `summary`, `orders` (one a
/// line, `YYYY-MM-DD what to do`) and the PDF as `document`. Returns the inspection's id.
#[server(input = MultipartFormData)]
pub async fn attach_inspection(data: MultipartData) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            ctx.require_staff()?;
            let upload = multipart::read(data).await?;
            let form: officer::InspectionForm = upload.form()?;
            let document = upload.file("document").map(|(_, bytes)| bytes);
            officer::attach_inspection(&ctx, form, document).await
        }
        .await,
    )
}

/// An officer records that an accident's referral package went to the provincial inspectorate.
#[server]
pub async fn forward_accident(accident_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::forward_accident(&ctx, accident_id).await)
}
