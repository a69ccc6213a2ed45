//! The complaint server functions: each gets the request context and calls one action or view, which checks
//! who is asking. The person's side works signed out (the ticket code is the key); files come as multipart.
use leptos::{
    prelude::*,
    server_fn::codec::{MultipartData, MultipartFormData},
};

use crate::{
    core::error::AppError,
    features::complaints::model::{
        CompanyCase, ComplaintForm, OfficerCase, OfficerQueue, StepForm, TrackView,
    },
};

#[cfg(feature = "ssr")]
use crate::{
    features::complaints::{company, officer, public, views},
    server::{authz::RequestCtx, error::respond, multipart},
};

/// Files a complaint (signed in or not); returns the ticket code.
#[server]
pub async fn file_complaint(#[server(default)] form: ComplaintForm) -> Result<String, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(public::file(&ctx, form).await)
}

/// The registered companies the filing form offers (id, name).
#[server]
pub async fn load_complaint_companies() -> Result<Vec<(i64, String)>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::companies(&ctx).await)
}

/// The tracking page of a ticket code.
#[server]
pub async fn track_complaint(#[server(default)] code: String) -> Result<TrackView, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::track(&ctx, &code).await)
}

/// The person adds information: `code`, `text`, `answer` (to the anjuran) and a `file`.
#[server(input = MultipartFormData)]
pub async fn add_complaint_info(data: MultipartData) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            let upload = multipart::read(data).await?;
            let code = upload.text("code").unwrap_or_default().to_owned();
            let text = upload.text("text").unwrap_or_default().to_owned();
            let answer = upload.text("answer").unwrap_or_default().to_owned();
            public::add_info(&ctx, &code, &text, &answer, upload.file("file")).await
        }
        .await,
    )
}

/// The 1-4 satisfaction rating of a finished case.
#[server]
pub async fn rate_complaint(
    #[server(default)] code: String,
    #[server(default)] rating: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    let rating = rating.trim().parse().unwrap_or(0);
    respond(public::rate(&ctx, &code, rating).await)
}

/// One page (1-based; clamped to the last page one may ask for) of the open cases, oldest first.
#[server]
pub async fn load_complaint_queue(#[server(default)] page: i64) -> Result<OfficerQueue, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::officer_queue(&ctx, page).await)
}

#[server]
pub async fn load_complaint_case(id: i64) -> Result<OfficerCase, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::officer_case(&ctx, id).await)
}

/// One officer step on a case (triage, the dispute procedure, closing).
#[server]
pub async fn complaint_step(#[server(default)] form: StepForm) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::step(&ctx, form).await)
}

/// Unlocks a confidential complainant's identity with a stated reason.
#[server]
pub async fn unlock_complainant(
    complaint_id: i64,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::unlock(&ctx, complaint_id, &reason).await)
}

#[server]
pub async fn load_company_complaints() -> Result<Vec<CompanyCase>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::company_cases(&ctx).await)
}

/// The company answers: `complaint_id`, `text`, `answer` (to the anjuran) and a `file`.
#[server(input = MultipartFormData)]
pub async fn answer_complaint(data: MultipartData) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            let upload = multipart::read(data).await?;
            let id = upload
                .text("complaint_id")
                .and_then(|v| v.parse().ok())
                .ok_or(AppError::NotFound)?;
            let text = upload.text("text").unwrap_or_default().to_owned();
            let answer = upload.text("answer").unwrap_or_default().to_owned();
            company::answer(&ctx, id, &text, &answer, upload.file("file")).await
        }
        .await,
    )
}
