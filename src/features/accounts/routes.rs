//! The signed-in person's own data as a download.
use axum::{Router, routing::get};

use crate::{
    core::error::AppError,
    features::accounts::privacy,
    server::{authz::RequestCtx, http::JsonDownload, state::AppState},
};

pub fn routes() -> Router<AppState> {
    Router::new().route("/akun/data-saya.json", get(export_my_data))
}

/// The signed-in person's own data as a JSON download (a read: GET is right here).
async fn export_my_data(ctx: RequestCtx) -> Result<JsonDownload<serde_json::Value>, AppError> {
    let data = privacy::export_my_data(&ctx).await?;
    Ok(JsonDownload::new("data-saya.json", data))
}
