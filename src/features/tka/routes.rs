//! The DKPTKA downloads that are not pages: the payment proof, the receipt PDF and the statistics CSV;
//! and the body limit of the proof upload.
use axum::{Router, extract::Path, routing::get};
use leptos::server_fn::ServerFn;

use crate::{
    core::error::AppError,
    features::tka::{api::SubmitLevyPayment, documents, officer},
    server::{
        authz::RequestCtx,
        http::{Csv, FILE_FORM_LIMIT, Pdf, Upload},
        state::AppState,
    },
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dkptka/{id}/bukti", get(proof))
        .route("/dkptka/{id}/tanda-terima.pdf", get(receipt))
        .route("/petugas/tka/statistik.csv", get(statistics_csv))
}

/// The server functions that take a file, with their request body limits.
pub fn body_limits() -> Vec<(&'static str, usize)> {
    vec![(SubmitLevyPayment::PATH, FILE_FORM_LIMIT)]
}

async fn proof(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Upload, AppError> {
    let bytes = documents::proof(&ctx, id).await?;
    Ok(Upload::new(bytes, "no-store"))
}

async fn receipt(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Pdf, AppError> {
    let (name, bytes) = documents::receipt(&ctx, id).await?;
    Ok(Pdf::new(name, bytes))
}

async fn statistics_csv(ctx: RequestCtx) -> Result<Csv, AppError> {
    let bytes = officer::statistics_csv(&ctx).await?;
    Ok(Csv::new("statistik-tka.csv", bytes))
}
