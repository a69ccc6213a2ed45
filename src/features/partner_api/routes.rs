//! The partner API's axum routes: `/api/v1/...` (keyed, JSON, problem details), its OpenAPI document
//! and its reference page (public).
use axum::{
    Router,
    http::{HeaderValue, header},
    response::{Html, IntoResponse, Response},
    routing::{get, post},
};

use crate::{
    features::partner_api::{checks, docs, endpoints, openapi},
    server::state::AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(document))
        .route("/api/v1/docs", get(docs))
        .route("/api/v1/ak1/verify", get(endpoints::ak1_verify))
        .route("/api/v1/pkwt/by-worker", post(endpoints::pkwt_by_worker))
        .route("/api/v1/pkwt/by-company", get(endpoints::pkwt_by_company))
        .route("/api/v1/companies/lookup", post(endpoints::company))
        .route("/api/v1/vacancies", get(endpoints::vacancies))
        .route("/api/v1/fairs", get(endpoints::fairs))
        .route("/api/v1/statistics", get(checks::statistics))
        .route(
            "/api/v1/checks/pkwt-registered",
            post(checks::pkwt_registered),
        )
        .route("/api/v1/checks/ak1-valid", post(checks::ak1_valid))
}

async fn document() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        openapi::document_json(),
    )
        .into_response()
}

async fn docs() -> Html<&'static str> {
    Html(docs::docs_html())
}
