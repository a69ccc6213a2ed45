//! The company's reports as CSV downloads.
use axum::{Router, extract::Path, routing::get};

use crate::{
    core::error::AppError,
    features::vacancies::placements,
    server::{authz::RequestCtx, http::Csv, state::AppState},
};

pub fn routes() -> Router<AppState> {
    Router::new().route("/perusahaan/laporan/{file}", get(company_report_csv))
}

/// The company's vacancy or placement reports as CSV (`lowongan.csv`, `penempatan.csv`).
async fn company_report_csv(ctx: RequestCtx, Path(file): Path<String>) -> Result<Csv, AppError> {
    let kind = file.strip_suffix(".csv").ok_or(AppError::NotFound)?;
    let (name, bytes) = placements::csv_report(&ctx, kind).await?;
    Ok(Csv::new(name, bytes))
}
