//! The vacancy server functions: each checks who is asking (in the service it calls) and maps errors once.
use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::vacancies::{
        model::{PlacementForm, VacancyForm},
        query::SearchQuery,
        views::{
            CompanyReports, FormContext, ModerationItem, MyJobs, PendingPlacement, Pipeline,
            Recommendation, SearchPage, Submitted, SuggestedCandidate, VacancyDetail,
        },
    },
};

#[cfg(feature = "ssr")]
use crate::{
    features::vacancies::{
        company, officer, pipeline::ApplicationStatus, placement_confirm, placements, public,
        search, seeker, suggestions,
    },
    server::{authz::RequestCtx, error::respond},
};

/// The public search (no sign-in).
#[server]
pub async fn search_vacancies(
    #[server(default)] query: SearchQuery,
) -> Result<SearchPage, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(search::cached_page(&ctx, query).await)
}

#[server]
pub async fn load_vacancy(vacancy_id: i64) -> Result<VacancyDetail, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(public::detail(&ctx, vacancy_id).await)
}

#[server]
pub async fn load_vacancy_form() -> Result<FormContext, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::form_context(&ctx).await)
}

#[server]
pub async fn submit_vacancy(#[server(default)] form: VacancyForm) -> Result<Submitted, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::submit(&ctx, form).await)
}

#[server]
pub async fn close_vacancy(vacancy_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::close(&ctx, vacancy_id).await)
}

#[server]
pub async fn load_company_reports() -> Result<CompanyReports, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::company_reports(&ctx).await)
}

#[server]
pub async fn report_placement(#[server(default)] form: PlacementForm) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(placements::report_by_nik(&ctx, form).await)
}

/// The signed-in seeker's placements reported by NIK that wait for their answer.
#[server]
pub async fn load_my_placements() -> Result<Vec<PendingPlacement>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(placement_confirm::mine(&ctx).await)
}

/// Officers: every placement waiting for an answer.
#[server]
pub async fn load_placement_confirmations() -> Result<Vec<PendingPlacement>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(placement_confirm::waiting(&ctx).await)
}

/// `answer` is "confirm" or "reject" ("this was not me"); by the seeker named, or an officer.
#[server]
pub async fn answer_placement(
    placement_id: i64,
    #[server(default)] answer: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(placement_confirm::answer(&ctx, placement_id, &answer).await)
}

#[server]
pub async fn load_moderation_queue() -> Result<Vec<ModerationItem>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::moderation_queue(&ctx).await)
}

/// `decision` is "approve" or "reject" (with a reason).
#[server]
pub async fn decide_vacancy(
    vacancy_id: i64,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    let approve = match decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return respond(Err(AppError::field("decision", "err_choose"))),
    };
    respond(officer::decide(&ctx, vacancy_id, approve, &reason).await)
}

#[server]
pub async fn apply_to_vacancy(
    vacancy_id: i64,
    #[server(default)] cover_note: String,
) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::apply(&ctx, vacancy_id, &cover_note).await)
}

#[server]
pub async fn withdraw_application(application_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::withdraw(&ctx, application_id).await)
}

#[server]
pub async fn load_my_jobs() -> Result<MyJobs, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::my_jobs(&ctx).await)
}

/// `None` when the seeker has not allowed matching.
#[server]
pub async fn load_recommendations() -> Result<Option<Vec<Recommendation>>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(suggestions::recommended(&ctx).await)
}

/// `decision` is "accept" or "decline".
#[server]
pub async fn answer_invitation(
    invitation_id: i64,
    #[server(default)] decision: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    let accept = match decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return respond(Err(AppError::field("decision", "err_choose"))),
    };
    respond(seeker::answer_invitation(&ctx, invitation_id, accept).await)
}

#[server]
pub async fn load_pipeline(vacancy_id: i64) -> Result<Pipeline, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::pipeline(&ctx, vacancy_id).await)
}

#[server]
pub async fn move_application(
    application_id: i64,
    #[server(default)] to: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    let Some(to) = ApplicationStatus::parse(&to) else {
        return respond(Err(AppError::field("to", "err_choose")));
    };
    respond(company::move_to(&ctx, application_id, to).await)
}

#[server]
pub async fn add_application_note(
    application_id: i64,
    #[server(default)] body: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::add_note(&ctx, application_id, &body).await)
}

#[server]
pub async fn load_suggestions(vacancy_id: i64) -> Result<Vec<SuggestedCandidate>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(suggestions::suggested(&ctx, vacancy_id).await)
}

#[server]
pub async fn invite_candidate(
    vacancy_id: i64,
    #[server(default)] pseudonym: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(suggestions::invite(&ctx, vacancy_id, &pseudonym).await)
}
