use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::companies::model::{AcceptInvitation, CompanyQueue, CompanySignUp, MyCompany},
};

#[cfg(feature = "ssr")]
use crate::{
    features::companies::{company, officer},
    server::{authz::RequestCtx, error::respond},
};

#[server]
pub async fn sign_up_company(#[server(default)] form: CompanySignUp) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::sign_up(&ctx, form).await)
}

/// One page (`page`, 1-based; clamped to the pages there are) of the verification queue, narrowed by
/// `search` (part of a company's name, or its NIB) when it is not empty.
#[server]
pub async fn load_pending_companies(
    #[server(default)] page: i64,
    #[server(default)] search: String,
) -> Result<CompanyQueue, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::pending(&ctx, page, &search).await)
}

/// `decision` is "verify" or "reject" (with a reason).
#[server]
pub async fn review_company(
    company_id: i64,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    // Only the two words: a typo or an unknown decision must never verify a company.
    let reason = ctx.require_staff().and_then(|_| match decision.as_str() {
        "verify" => Ok(None),
        "reject" => Ok(Some(reason.unwrap_or_default())),
        _ => Err(AppError::field("decision", "err_choose")),
    });
    respond(match reason {
        Ok(reason) => officer::review(&ctx, company_id, reason).await,
        Err(error) => Err(error),
    })
}

#[server]
pub async fn load_my_company() -> Result<MyCompany, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::my_company(&ctx).await)
}

#[server]
pub async fn invite_staff(email: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::invite_staff(&ctx, &email).await)
}

#[server]
pub async fn join_company(form: AcceptInvitation) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::accept_invitation(&ctx, form).await)
}

#[server]
pub async fn remove_staff(account_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::remove_staff(&ctx, account_id).await)
}
