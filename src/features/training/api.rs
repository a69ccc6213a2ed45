//! The training server functions: each checks who is asking (in the action or view it calls).
use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::training::model::{
        Catalogue, CatalogueQuery, CertificateCheck, ManageData, MyTraining, ProgrammeForm,
        ProgrammePage,
    },
};

#[cfg(feature = "ssr")]
use crate::{
    features::training::{provider, seeker, views},
    server::{authz::RequestCtx, error::respond},
};

#[server]
pub async fn search_programmes(
    #[server(default)] query: CatalogueQuery,
) -> Result<Catalogue, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::catalogue(&ctx, &query).await)
}

#[server]
pub async fn load_programme(programme_id: i64) -> Result<ProgrammePage, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::page(&ctx, programme_id).await)
}

#[server]
pub async fn verify_training_certificate(
    #[server(default)] code: String,
) -> Result<CertificateCheck, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::certificate(&ctx, &code).await)
}

/// Returns the registration's status: "accepted", "registered" (waiting for the selection) or "reserve".
#[server]
pub async fn register_for_training(programme_id: i64) -> Result<String, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::register(&ctx, programme_id).await)
}

#[server]
pub async fn withdraw_training(registration_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::withdraw(&ctx, registration_id).await)
}

#[server]
pub async fn load_my_training() -> Result<MyTraining, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::mine(&ctx).await)
}

#[server]
pub async fn answer_training_followup(
    registration_id: i64,
    months: i64,
    #[server(default)] working: String,
    #[server(default)] employer: String,
    #[server(default)] occupation: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        seeker::answer_followup(
            &ctx,
            registration_id,
            months,
            working == "1",
            &employer,
            &occupation,
        )
        .await,
    )
}

#[server]
pub async fn rate_training(
    registration_id: i64,
    rating: i64,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::rate(&ctx, registration_id, rating, &comment).await)
}

/// The provider's page; `programme_id` > 0 opens one of their programmes.
#[server]
pub async fn load_training_manage(
    #[server(default)] programme_id: i64,
) -> Result<ManageData, AppError> {
    let ctx = RequestCtx::current().await?;
    let data = views::manage(&ctx, programme_id).await;
    if data.is_ok() && programme_id > 0 {
        respond(provider::record_participants_read(&ctx, programme_id).await)?;
    }
    respond(data)
}

#[server]
pub async fn load_programme_form(programme_id: i64) -> Result<ProgrammeForm, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::form_of(&ctx, programme_id).await)
}

/// Creates (`programme_id` 0) or edits a programme; returns its id.
#[server]
pub async fn save_programme(
    #[server(default)] programme_id: i64,
    #[server(default)] form: ProgrammeForm,
) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(provider::save(&ctx, programme_id, form).await)
}

/// Cancels a published programme of the provider (every registration ends, with a notice).
#[server]
pub async fn cancel_training_programme(programme_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(provider::cancel(&ctx, programme_id).await)
}

/// `decision` is "accepted", "reserve" or "not_accepted".
#[server]
pub async fn decide_training_selection(
    registration_id: i64,
    #[server(default)] decision: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(provider::decide(&ctx, registration_id, &decision).await)
}

#[server]
pub async fn add_training_session(
    programme_id: i64,
    #[server(default)] session_on: String,
    #[server(default)] topic: String,
) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(provider::add_session(&ctx, programme_id, &session_on, &topic).await)
}

/// `present` is "1" (present) or "0".
#[server]
pub async fn mark_training_attendance(
    session_id: i64,
    registration_id: i64,
    #[server(default)] present: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(provider::mark(&ctx, session_id, registration_id, present == "1").await)
}

/// `result` is "completed", "passed" or "not_completed"; returns the certificate code (empty for none).
#[server]
pub async fn record_training_result(
    registration_id: i64,
    #[server(default)] result: String,
) -> Result<String, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(provider::record_result(&ctx, registration_id, &result).await)
}
