//! The job-fair server functions: each checks who is asking (in the service it calls) and maps errors once.
use leptos::{
    prelude::*,
    server_fn::codec::{MultipartData, MultipartFormData},
};

use crate::{
    core::error::AppError,
    features::fairs::model::{
        BoothForm, BoothPage, BoothScreen, CheckInOutcome, CompanyFairs, FairDetail, FairForm,
        FairList, FairReport, MyTicket, OfficerFairs, SlotPlanForm,
    },
};

#[cfg(feature = "ssr")]
use crate::{
    core::review::Decision,
    features::fairs::{company, officer, report, seeker, views},
    server::{authz::RequestCtx, error::respond, multipart},
};

#[server]
pub async fn list_fairs() -> Result<FairList, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::list(&ctx).await)
}

#[server]
pub async fn load_fair(fair_id: i64) -> Result<FairDetail, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::detail(&ctx, fair_id).await)
}

#[server]
pub async fn load_booth(booth_id: i64) -> Result<BoothPage, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::page(&ctx, booth_id).await)
}

#[server]
pub async fn load_booth_screen(booth_id: i64) -> Result<BoothScreen, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::screen(&ctx, booth_id).await)
}

/// Returns the ticket code.
#[server]
pub async fn register_for_fair(fair_id: i64) -> Result<String, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::register(&ctx, fair_id).await)
}

#[server]
pub async fn cancel_fair_registration(fair_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::cancel_registration(&ctx, fair_id).await)
}

/// Returns the booking's id.
#[server]
pub async fn book_slot(slot_id: i64) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::book(&ctx, slot_id).await)
}

#[server]
pub async fn cancel_slot_booking(booking_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::cancel_booking(&ctx, booking_id).await)
}

/// Returns the application's id.
#[server]
pub async fn apply_at_booth(booth_id: i64, vacancy_id: i64) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::apply_at_booth(&ctx, booth_id, vacancy_id).await)
}

#[server]
pub async fn load_my_tickets() -> Result<Vec<MyTicket>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::my_tickets(&ctx).await)
}

#[server]
pub async fn check_in_ticket(#[server(default)] code: String) -> Result<CheckInOutcome, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::check_in(&ctx, &code).await)
}

/// Creates (`fair_id` 0) or edits an event; returns its id.
#[server]
pub async fn save_fair(
    #[server(default)] fair_id: i64,
    #[server(default)] form: FairForm,
) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::save(&ctx, fair_id, form).await)
}

#[server]
pub async fn load_fair_form(fair_id: i64) -> Result<FairForm, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::form_of(&ctx, fair_id).await)
}

/// `action` is "publish", "close" or "cancel" (with a reason).
#[server]
pub async fn set_fair_status(
    fair_id: i64,
    #[server(default)] action: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::set_status(&ctx, fair_id, &action, &reason).await)
}

#[server]
pub async fn load_officer_fairs() -> Result<OfficerFairs, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::officer_view(&ctx).await)
}

/// `decision` is "approve" or "reject" (with a reason).
#[server]
pub async fn decide_booth(
    booth_id: i64,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    let Some(decision) = Decision::parse(&decision) else {
        return respond(Err(AppError::field("decision", "err_choose")));
    };
    respond(officer::decide(&ctx, booth_id, decision, &reason).await)
}

#[server]
pub async fn load_fair_report(fair_id: i64) -> Result<FairReport, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(report::report(&ctx, fair_id).await)
}

#[server]
pub async fn load_company_fairs() -> Result<CompanyFairs, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::company_view(&ctx).await)
}

/// Returns the booth's id.
#[server]
pub async fn request_booth(
    fair_id: i64,
    #[server(default)] form: BoothForm,
) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::request(&ctx, fair_id, form).await)
}

#[server]
pub async fn update_booth(
    booth_id: i64,
    #[server(default)] form: BoothForm,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::update(&ctx, booth_id, form).await)
}

/// `show` is "1" to show the vacancy at the booth, anything else to hide it.
#[server]
pub async fn set_booth_vacancy(
    booth_id: i64,
    vacancy_id: i64,
    #[server(default)] show: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::set_vacancy(&ctx, booth_id, vacancy_id, show == "1").await)
}

/// The booth's banner (`booth_id` and the image as `banner`).
#[server(input = MultipartFormData)]
pub async fn upload_booth_banner(data: MultipartData) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            let upload = multipart::read(data).await?;
            let booth_id = upload
                .text("booth_id")
                .and_then(|v| v.parse().ok())
                .ok_or(AppError::NotFound)?;
            let (_, bytes) = upload
                .file("banner")
                .ok_or_else(|| AppError::field("banner", "err_file_empty"))?;
            company::upload_banner(&ctx, booth_id, &bytes).await
        }
        .await,
    )
}

/// Returns how many slots were added.
#[server]
pub async fn add_booth_slots(
    booth_id: i64,
    #[server(default)] plan: SlotPlanForm,
) -> Result<usize, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::add_slots(&ctx, booth_id, plan).await)
}

#[server]
pub async fn delete_booth_slot(slot_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::delete_slot(&ctx, slot_id).await)
}

/// `outcome` is "attended" or "missed".
#[server]
pub async fn mark_slot_booking(
    booking_id: i64,
    #[server(default)] outcome: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::mark_booking(&ctx, booking_id, &outcome).await)
}
