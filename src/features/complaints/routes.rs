//! The complaint downloads that are not pages: documents by ticket code (the complainant), documents and
//! files by case (officers and the named company); and the body limits of the file-taking requests.
use axum::{Router, extract::Path, routing::get};
use leptos::server_fn::ServerFn;

use crate::{
    core::error::AppError,
    features::complaints::{
        api::{AddComplaintInfo, AnswerComplaint},
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
        .route("/pengaduan/{code}/dokumen/{kind}", get(by_code))
        .route("/pengaduan/kasus/{id}/dokumen/{kind}", get(by_id))
        .route("/pengaduan/kasus/{id}/berkas/{file_id}", get(file))
}

/// The server functions that take a file, with their request body limits.
pub fn body_limits() -> Vec<(&'static str, usize)> {
    vec![
        (AddComplaintInfo::PATH, FILE_FORM_LIMIT),
        (AnswerComplaint::PATH, FILE_FORM_LIMIT),
    ]
}

async fn by_code(
    ctx: RequestCtx,
    Path((code, kind)): Path<(String, String)>,
) -> Result<Pdf, AppError> {
    let (name, bytes) = documents::by_code(&ctx, &code, &kind).await?;
    Ok(Pdf::new(name, bytes))
}

async fn by_id(ctx: RequestCtx, Path((id, kind)): Path<(i64, String)>) -> Result<Pdf, AppError> {
    let (name, bytes) = documents::by_id(&ctx, id, &kind).await?;
    Ok(Pdf::new(name, bytes))
}

async fn file(ctx: RequestCtx, Path((id, file_id)): Path<(i64, i64)>) -> Result<Upload, AppError> {
    let bytes = documents::file(&ctx, id, file_id).await?;
    Ok(Upload::new(bytes, "no-store"))
}
