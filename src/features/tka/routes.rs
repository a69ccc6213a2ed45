//! The DKPTKA downloads that are not pages: the payment proof, the receipt PDF and the statistics CSV.
use axum::{
    Router,
    extract::{Path, State},
    http::request::Parts,
    response::Response,
    routing::get,
};

use crate::{
    features::tka::{levy, workers},
    server::{
        authz::RequestCtx,
        router::{csv_response, error_response, pdf_response, upload_response},
        state::AppState,
    },
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dkptka/{id}/bukti", get(proof))
        .route("/dkptka/{id}/tanda-terima.pdf", get(receipt))
        .route("/petugas/tka/statistik.csv", get(statistics_csv))
}

async fn proof(State(state): State<AppState>, parts: Parts, Path(id): Path<i64>) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        levy::proof(&ctx, id).await
    }
    .await;
    match result {
        Ok(bytes) => upload_response(bytes, "no-store"),
        Err(error) => error_response(&error),
    }
}

async fn receipt(State(state): State<AppState>, parts: Parts, Path(id): Path<i64>) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        levy::receipt(&ctx, id).await
    }
    .await;
    match result {
        Ok((name, bytes)) => pdf_response(&name, bytes),
        Err(error) => error_response(&error),
    }
}

async fn statistics_csv(State(state): State<AppState>, parts: Parts) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        workers::statistics_csv(&ctx).await
    }
    .await;
    match result {
        Ok(bytes) => csv_response("statistik-tka.csv", bytes),
        Err(error) => error_response(&error),
    }
}
