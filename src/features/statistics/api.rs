//! The statistics server functions: the open figures and the service levels are public (anyone, signed in
//! or not); the dashboard is for staff (checked in `views::dashboard`).
use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::statistics::model::{Dashboard, OpenStatistics, ServiceLevels},
};

#[cfg(feature = "ssr")]
use crate::{
    features::statistics::{model::StatsQuery, views},
    server::{authz::RequestCtx, error::respond},
};

/// The open figures of one dataset (`data`), district (`kecamatan`) and year (`tahun`), as in the URL;
/// malformed values mean "no filter".
#[server]
pub async fn load_open_statistics(
    #[server(default)] data: String,
    #[server(default)] kecamatan: String,
    #[server(default)] tahun: String,
) -> Result<OpenStatistics, AppError> {
    let ctx = RequestCtx::current().await?;
    let query = StatsQuery::from_pairs([
        ("data", data.as_str()),
        ("kecamatan", kecamatan.as_str()),
        ("tahun", tahun.as_str()),
    ]);
    respond(views::open_statistics(&ctx.state.db, ctx.lang, query, ctx.now_ms()).await)
}

#[server]
pub async fn load_service_levels() -> Result<ServiceLevels, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::service_levels(&ctx.state.db, ctx.now_ms()).await)
}

#[server]
pub async fn load_service_dashboard() -> Result<Dashboard, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::dashboard(&ctx).await)
}
