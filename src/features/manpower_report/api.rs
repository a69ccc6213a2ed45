//! The manpower-report server functions: each checks who is asking (in the action or view it calls) and
//! maps errors once.
use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::manpower_report::{
        events::EventForm,
        model::{CompanyReport, ReportForm, ReportVerification, SubmitOutcome},
    },
};

#[cfg(feature = "ssr")]
use crate::{
    features::manpower_report::{company, model::ticked, views},
    server::{authz::RequestCtx, error::respond},
};

/// The company's report page for a report year (none: last year, or this year for a new company).
#[server]
pub async fn load_company_report(
    #[server(default)] year: Option<i64>,
) -> Result<CompanyReport, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::company_view(&ctx, year).await)
}

/// Submits the report of `year` (none: the default report year), or (with `replaces`, the current
/// version's id) a correction of it. `confirm` ("on") submits despite the warnings.
#[server]
pub async fn submit_manpower_report(
    #[server(default)] form: ReportForm,
    #[server(default)] year: Option<i64>,
    #[server(default)] replaces: Option<i64>,
    #[server(default)] confirm: Option<String>,
) -> Result<SubmitOutcome, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::submit(&ctx, form, year, replaces, ticked(&confirm)).await)
}

/// Declares a planned move or closing, or a reopening, with its date (reminders follow).
#[server]
pub async fn declare_manpower_event(#[server(default)] form: EventForm) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::declare_event(&ctx, form).await)
}

/// The public check behind a receipt's QR code.
#[server]
pub async fn verify_manpower_report(code: String) -> Result<ReportVerification, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::verify(&ctx.state.db, &code).await)
}
