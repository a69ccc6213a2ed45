//! The compliance CSV exports.
use axum::{Router, routing::get};

use crate::{
    core::error::AppError,
    features::compliance::officer,
    server::{authz::RequestCtx, http::Csv, state::AppState},
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/petugas/kepatuhan/laporan.csv", get(reports))
        .route("/petugas/kepatuhan/kecelakaan.csv", get(accidents))
}

async fn reports(ctx: RequestCtx) -> Result<Csv, AppError> {
    Ok(Csv::new(
        "laporan-ketenagakerjaan.csv",
        officer::reports_csv(&ctx).await?,
    ))
}

async fn accidents(ctx: RequestCtx) -> Result<Csv, AppError> {
    Ok(Csv::new(
        "kecelakaan-kerja.csv",
        officer::accidents_csv(&ctx).await?,
    ))
}
