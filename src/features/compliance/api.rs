//! The compliance server function: the officer's page, filtered by district and sector, a page of
//! companies at a time.
use leptos::prelude::*;

use crate::{core::error::AppError, features::compliance::model::Compliance};

#[cfg(feature = "ssr")]
use crate::{
    features::compliance::views,
    server::{authz::RequestCtx, error::respond},
};

#[server]
pub async fn load_compliance(
    #[server(default)] district: String,
    #[server(default)] sector: String,
    #[server(default)] page: Option<i64>,
) -> Result<Compliance, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::compliance(&ctx, &district, &sector, page.unwrap_or(1)).await)
}
