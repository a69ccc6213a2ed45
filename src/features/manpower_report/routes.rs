//! The manpower report's download that is not a page: a version's receipt PDF.
use axum::{Router, extract::Path, routing::get};

use crate::{
    core::error::AppError,
    features::manpower_report::documents,
    server::{authz::RequestCtx, http::Pdf, state::AppState},
};

pub fn routes() -> Router<AppState> {
    Router::new().route("/wlkp/{id}/tanda-terima.pdf", get(receipt))
}

async fn receipt(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Pdf, AppError> {
    let (name, bytes) = documents::receipt(&ctx, id).await?;
    Ok(Pdf::new(name, bytes))
}
