//! The K3 downloads that are not pages: an accident's referral package, receipt and photos, an inspection's
//! findings, an order's evidence; and the body limits of the file-taking requests.
use axum::{Router, extract::Path, routing::get};
use leptos::server_fn::ServerFn;

use crate::{
    core::error::AppError,
    features::safety::{
        api::{AddAccidentPhoto, AttachInspection, ReportOrderDone},
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
        .route("/k3/kecelakaan/{id}/rujukan.pdf", get(referral))
        .route("/k3/kecelakaan/{id}/tanda-terima.pdf", get(receipt))
        .route("/k3/kecelakaan/{id}/foto/{n}", get(photo))
        .route("/k3/pemeriksaan/{id}/berkas", get(inspection))
        .route("/k3/perintah/{id}/bukti", get(evidence))
}

/// The server functions that take a file, with their request body limits.
pub fn body_limits() -> Vec<(&'static str, usize)> {
    vec![
        (AddAccidentPhoto::PATH, FILE_FORM_LIMIT),
        (AttachInspection::PATH, FILE_FORM_LIMIT),
        (ReportOrderDone::PATH, FILE_FORM_LIMIT),
    ]
}

async fn referral(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Pdf, AppError> {
    let (name, bytes) = documents::referral(&ctx, id).await?;
    Ok(Pdf::new(name, bytes))
}

async fn receipt(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Pdf, AppError> {
    let (name, bytes) = documents::receipt(&ctx, id).await?;
    Ok(Pdf::new(name, bytes))
}

async fn photo(ctx: RequestCtx, Path((id, n)): Path<(i64, usize)>) -> Result<Upload, AppError> {
    Ok(Upload::new(
        documents::photo(&ctx, id, n).await?,
        "no-store",
    ))
}

async fn inspection(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Upload, AppError> {
    Ok(Upload::new(
        documents::inspection_document(&ctx, id).await?,
        "no-store",
    ))
}

async fn evidence(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Upload, AppError> {
    Ok(Upload::new(
        documents::order_evidence(&ctx, id).await?,
        "no-store",
    ))
}
