use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::ak1::model::{Ak1Queue, MyProfile, ProfileForm, VerificationView},
};

#[cfg(feature = "ssr")]
use crate::{
    features::ak1::{model::Decision, service},
    server::{authz::RequestCtx, error::respond},
};

#[server]
pub async fn load_my_profile() -> Result<MyProfile, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::my_profile(&ctx).await)
}

#[server]
pub async fn save_profile(form: ProfileForm) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::save_profile(&ctx, form).await)
}

/// Applies for the AK-1 (or resubmits after a revision request).
#[server]
pub async fn apply_ak1() -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::apply(&ctx).await)
}

#[server]
pub async fn load_ak1_queue() -> Result<Ak1Queue, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(crate::features::ak1::officer::queue(&ctx).await)
}

/// `decision` is "approve", "reject" or "revise"; the last two need a reason. Returns the card number when issued.
#[server]
pub async fn decide_ak1(
    application_id: i64,
    decision: String,
    reason: Option<String>,
) -> Result<Option<String>, AppError> {
    let ctx = RequestCtx::current().await?;
    let decision =
        Decision::parse(&decision).ok_or_else(|| AppError::field("decision", "err_choose"))?;
    respond(
        crate::features::ak1::officer::decide(
            &ctx,
            application_id,
            decision,
            reason.as_deref().unwrap_or_default(),
        )
        .await,
    )
}

/// The six-monthly re-report; `still_seeking` is "1" or "0" (a form value).
#[server]
pub async fn re_report_ak1(still_seeking: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(crate::features::ak1::reports::re_report(&ctx, still_seeking == "1").await)
}

/// Public: what the QR code on a card leads to.
#[server]
pub async fn verify_ak1(code: String) -> Result<VerificationView, AppError> {
    let state = crate::server::state::app_state()?;
    let today = crate::core::calendar::wib_date(state.clock.now_ms());
    respond(service::verify(&state.db, &code, today).await)
}
