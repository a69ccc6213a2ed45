//! The job-fair downloads that are not pages: the visitor's ticket PDF, a booth's banner image, and the
//! fair report as CSV.
use axum::{
    Router,
    extract::{Path, State},
    http::request::Parts,
    response::Response,
    routing::get,
};

use crate::{
    features::fairs::{booths, report, visitors},
    server::{
        authz::RequestCtx,
        router::{csv_response, error_response, pdf_response, upload_response},
        state::AppState,
    },
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/akun/bursa-kerja/{id}/tiket.pdf", get(ticket))
        .route("/bursa-kerja/stan/{id}/spanduk", get(banner))
        .route("/petugas/bursa-kerja/{id}/laporan.csv", get(report_csv))
}

async fn ticket(State(state): State<AppState>, parts: Parts, Path(id): Path<i64>) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        visitors::ticket_pdf(&ctx, id).await
    }
    .await;
    match result {
        Ok(bytes) => pdf_response(&format!("tiket-bursa-kerja-{id}.pdf"), bytes),
        Err(error) => error_response(&error),
    }
}

async fn banner(State(state): State<AppState>, parts: Parts, Path(id): Path<i64>) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        booths::banner(&ctx, id).await
    }
    .await;
    match result {
        Ok(bytes) => upload_response(bytes, "public, max-age=300"),
        Err(error) => error_response(&error),
    }
}

async fn report_csv(State(state): State<AppState>, parts: Parts, Path(id): Path<i64>) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        report::csv(&ctx, id).await
    }
    .await;
    match result {
        Ok((name, bytes)) => csv_response(&name, bytes),
        Err(error) => error_response(&error),
    }
}
