//! The admin page's server functions (thin: the context, then one call into `admin`).
use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::partner_api::model::{EndpointForm, IntegrationOverview, KeyForm, ShownOnce},
};

#[cfg(feature = "ssr")]
use crate::{
    features::partner_api::admin,
    server::{authz::RequestCtx, error::respond},
};

#[server]
pub async fn load_integration() -> Result<IntegrationOverview, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(admin::overview(&ctx).await)
}

#[server]
pub async fn issue_api_key(form: KeyForm) -> Result<ShownOnce, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(admin::issue_key(&ctx, &form).await)
}

#[server]
pub async fn revoke_api_key(id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(admin::revoke_key(&ctx, id).await)
}

#[server]
pub async fn add_webhook_endpoint(form: EndpointForm) -> Result<ShownOnce, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(admin::add_endpoint(&ctx, &form).await)
}

#[server]
pub async fn send_webhook_test(endpoint_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(admin::send_test_event(&ctx, endpoint_id).await)
}

#[server]
pub async fn delete_webhook_endpoint(endpoint_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(admin::delete_endpoint(&ctx, endpoint_id).await)
}

#[server]
pub async fn enable_webhook_endpoint(endpoint_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(admin::enable_endpoint(&ctx, endpoint_id).await)
}

#[server]
pub async fn rotate_webhook_secret(endpoint_id: i64) -> Result<ShownOnce, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(admin::rotate_secret(&ctx, endpoint_id).await)
}
