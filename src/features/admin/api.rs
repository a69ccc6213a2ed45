use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::admin::model::{
        AccountRow, AuditEntry, AuditFilter, CorrectionRequest, JobRun, MinimumWageRow,
    },
};

#[cfg(feature = "ssr")]
use crate::{
    features::admin::{corrections, reference, service},
    server::{authz::RequestCtx, error::respond},
};

#[server]
pub async fn list_accounts(query: String) -> Result<Vec<AccountRow>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::list_accounts(&ctx, &query).await)
}

#[server]
pub async fn create_staff_account(
    email: String,
    full_name: String,
    role: String,
) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::create_staff(&ctx, &email, &full_name, &role).await)
}

/// `disabled` is "1" or "0" (a form value).
#[server]
pub async fn set_account_disabled(account_id: i64, disabled: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::set_disabled(&ctx, account_id, disabled == "1").await)
}

#[server]
pub async fn audit_entries(filter: AuditFilter) -> Result<Vec<AuditEntry>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(service::audit_log(&ctx, &filter).await)
}

#[server]
pub async fn open_corrections() -> Result<Vec<CorrectionRequest>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(corrections::open_corrections(&ctx).await)
}

/// `accepted` is "1" (apply the correction) or "0" (refuse it: `response` then gives the reason).
#[server]
pub async fn resolve_correction(
    id: i64,
    accepted: String,
    #[server(default)] response: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(corrections::resolve_correction(&ctx, id, accepted == "1", &response).await)
}

#[server]
pub async fn load_minimum_wages() -> Result<Vec<MinimumWageRow>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(reference::minimum_wages(&ctx).await)
}

/// Returns the summary of the warnings sent to companies with contracts below the new UMK.
#[server]
pub async fn save_minimum_wage(
    #[server(default)] year: String,
    #[server(default)] amount: String,
    #[server(default)] legal_basis: String,
) -> Result<String, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(reference::save_minimum_wage(&ctx, &year, &amount, &legal_basis).await)
}

#[server]
pub async fn load_job_runs() -> Result<Vec<JobRun>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(reference::job_runs(&ctx).await)
}
