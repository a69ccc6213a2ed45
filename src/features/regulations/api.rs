//! The regulations' server functions: reading and searching are public; following needs an account;
//! publishing is for officers and admins.
use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::regulations::model::{RegulationDetail, RegulationForm, RegulationList},
};

#[cfg(feature = "ssr")]
use crate::{
    features::regulations::{editor, follower, views},
    server::{authz::RequestCtx, error::respond},
};

#[server]
pub async fn list_regulations(
    #[server(default)] q: String,
    #[server(default)] category: String,
) -> Result<RegulationList, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::list(&ctx, &q, &category).await)
}

#[server]
pub async fn load_regulation(id: i64) -> Result<RegulationDetail, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::detail(&ctx, id).await)
}

/// `follow` is "1" to follow the category, anything else to stop.
#[server]
pub async fn follow_regulations(
    #[server(default)] category: String,
    #[server(default)] follow: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(follower::set_follow(&ctx, &category, follow == "1").await)
}

/// Publishes a new regulation or a new version; returns the regulation's id.
#[server]
pub async fn publish_regulation(#[server(default)] form: RegulationForm) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(editor::publish(&ctx, form).await)
}
