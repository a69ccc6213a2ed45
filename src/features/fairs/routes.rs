//! The job-fair downloads that are not pages: the visitor's ticket PDF, a booth's banner image, and the
//! fair report as CSV; and the body limit of the banner upload.
use axum::{Router, extract::Path, routing::get};
use leptos::server_fn::ServerFn;

use crate::{
    core::error::AppError,
    features::fairs::{api::UploadBoothBanner, report, seeker, views},
    server::{
        authz::RequestCtx,
        http::{Csv, FILE_FORM_LIMIT, Pdf, Upload},
        state::AppState,
    },
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/akun/bursa-kerja/{id}/tiket.pdf", get(ticket))
        .route("/bursa-kerja/stan/{id}/spanduk", get(banner))
        .route("/petugas/bursa-kerja/{id}/laporan.csv", get(report_csv))
}

/// The server functions that take a file, with their request body limits.
pub fn body_limits() -> Vec<(&'static str, usize)> {
    vec![(UploadBoothBanner::PATH, FILE_FORM_LIMIT)]
}

async fn ticket(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Pdf, AppError> {
    let bytes = seeker::ticket_pdf(&ctx, id).await?;
    Ok(Pdf::new(format!("tiket-bursa-kerja-{id}.pdf"), bytes))
}

async fn banner(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Upload, AppError> {
    let bytes = views::banner(&ctx, id).await?;
    Ok(Upload::new(bytes, "public, max-age=300"))
}

async fn report_csv(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Csv, AppError> {
    let (name, bytes) = report::csv(&ctx, id).await?;
    Ok(Csv::new(name, bytes))
}
