//! The request downloads that are not pages: an uploaded document and the issued document's PDF; and the
//! body limits of the filings that take files.
use axum::{Router, extract::Path, routing::get};
use leptos::server_fn::ServerFn;

use crate::{
    core::error::AppError,
    features::requests::{
        api::{CorrectRequest, FileRequest},
        documents,
    },
    server::{
        authz::RequestCtx,
        http::{FILE_FORM_LIMIT, Pdf, Upload},
        state::AppState,
    },
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/layanan/{id}/dokumen.pdf", get(issued))
        .route("/layanan/{id}/berkas/{document_id}", get(uploaded))
}

/// The server functions that take files, with their request body limits.
pub fn body_limits() -> Vec<(&'static str, usize)> {
    vec![
        (FileRequest::PATH, FILE_FORM_LIMIT),
        (CorrectRequest::PATH, FILE_FORM_LIMIT),
    ]
}

async fn issued(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Pdf, AppError> {
    let (name, bytes) = documents::issued(&ctx, id).await?;
    Ok(Pdf::new(name, bytes))
}

async fn uploaded(
    ctx: RequestCtx,
    Path((id, document_id)): Path<(i64, i64)>,
) -> Result<Upload, AppError> {
    let bytes = documents::uploaded(&ctx, id, document_id).await?;
    Ok(Upload::new(bytes, "no-store"))
}
