//! The DKPTKA downloads that are not pages: the payment proof, the receipt PDF and the statistics CSV.
use axum::{
    Router,
    extract::{Path, State},
    http::{HeaderValue, header, request::Parts},
    response::{IntoResponse, Response},
    routing::get,
};

use crate::{
    features::tka::{levy, workers},
    server::{
        authz::RequestCtx,
        router::{error_response, pdf_response},
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
        Ok((bytes, mime)) => {
            let mut response = (
                [
                    (header::CONTENT_TYPE, mime.to_owned()),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                bytes,
            )
                .into_response();
            // An uploaded file is shown as a document, never run as part of the site.
            response.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("sandbox; default-src 'none'"),
            );
            response
        }
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
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"statistik-tka.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => error_response(&error),
    }
}
