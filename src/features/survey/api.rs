//! The survey's server functions: the public page (by code) and the IKM figures.
use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::survey::model::{IkmReport, SurveyForm, SurveyInvite},
};

#[cfg(feature = "ssr")]
use crate::{
    features::survey::{public, views},
    server::{authz::RequestCtx, error::respond},
};

/// The invitation behind a code: public, the code is the key.
#[server]
pub async fn load_survey(code: String) -> Result<SurveyInvite, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(public::invite(&ctx.state.db, &code).await)
}

/// The answer, once per invitation.
#[server]
pub async fn answer_survey(
    #[server(default)] code: String,
    #[server(default)] form: SurveyForm,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(public::answer(&ctx, &code, form).await)
}

/// The officers' report per service and month (`year` 0 = this year).
#[server]
pub async fn load_ikm_report(#[server(default)] year: i32) -> Result<IkmReport, AppError> {
    let ctx = RequestCtx::current().await?;
    let year = if year == 0 {
        views::this_year(ctx.now_ms())
    } else {
        year
    };
    respond(views::officer_report(&ctx, year).await)
}

/// The public yearly figure with the number of answers (`year` 0 = this year).
#[server]
pub async fn load_ikm_public(#[server(default)] year: i32) -> Result<IkmReport, AppError> {
    let ctx = RequestCtx::current().await?;
    let year = if year == 0 {
        views::this_year(ctx.now_ms())
    } else {
        year
    };
    respond(views::public_figure(&ctx.state.db, year).await)
}
