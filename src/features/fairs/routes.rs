//! The job-fair downloads that are not pages: the visitor's ticket PDF, a booth's banner image, and the
//! fair report as CSV.
use axum::{
    Router,
    extract::{Path, State},
    http::{HeaderValue, header, request::Parts},
    response::{IntoResponse, Response},
    routing::get,
};

use crate::{
    features::fairs::{booths, report, visitors},
    server::{
        authz::RequestCtx,
        router::{error_response, pdf_response},
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
        Ok(bytes) => {
            let mime = infer::get(&bytes).map_or("application/octet-stream", |t| t.mime_type());
            let mut response = (
                [
                    (header::CONTENT_TYPE, mime.to_owned()),
                    (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
                ],
                bytes,
            )
                .into_response();
            // An uploaded file is shown as an image, never run as part of the site.
            response.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("sandbox; default-src 'none'"),
            );
            response
        }
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
        Ok((name, bytes)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => error_response(&error),
    }
}
