//! The partner API's errors: RFC 9457 problem details (`application/problem+json`), with
//! `WWW-Authenticate` on 401 and `Retry-After` on 429.
use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{core::error::AppError, features::partner_api::schema::Problem};

/// Every problem type the API answers with: its slug (the `type` is `/api/v1/docs#problem-<slug>`, an
/// anchor of the reference page), its status and what it means. `ApiError::new` refuses (in debug
/// builds, so in every test) a slug that is not listed here.
pub const PROBLEM_TYPES: [(&str, u16, &str); 14] = [
    ("bad-request", 400, "the request could not be read"),
    ("bad-query", 400, "the query string could not be read"),
    (
        "bad-body",
        400,
        "the body is not JSON as documented (415 without the JSON content type, 422 for a wrong shape)",
    ),
    (
        "unauthenticated",
        401,
        "no key, or an unknown, revoked or expired key",
    ),
    (
        "session-not-accepted",
        403,
        "a browser session is not an API credential: send a key",
    ),
    (
        "address-not-allowed",
        403,
        "the key may not be used from this address",
    ),
    (
        "insufficient-scope",
        403,
        "the key lacks the scope the operation needs (named in the detail)",
    ),
    ("forbidden", 403, "not allowed"),
    ("not-found", 404, "no such record"),
    ("conflict", 409, "the record changed meanwhile"),
    (
        "invalid-parameter",
        422,
        "a parameter is missing or out of bounds, or the purpose is missing",
    ),
    (
        "rate-limited",
        429,
        "too many calls this minute: wait the seconds in Retry-After",
    ),
    (
        "internal",
        500,
        "something went wrong on our side (the detail has a reference)",
    ),
    ("unavailable", 503, "try again later"),
];

/// An error of the partner API, answered as `application/problem+json`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub slug: &'static str,
    pub detail: String,
    pub retry_after_s: Option<i64>,
}

impl ApiError {
    pub fn new(status: StatusCode, slug: &'static str, detail: impl Into<String>) -> ApiError {
        debug_assert!(
            PROBLEM_TYPES.iter().any(|(s, _, _)| *s == slug),
            "undocumented problem type {slug}"
        );
        ApiError {
            status,
            slug,
            detail: detail.into(),
            retry_after_s: None,
        }
    }

    pub fn unauthenticated(detail: &str) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthenticated", detail)
    }

    pub fn invalid(detail: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-parameter",
            detail,
        )
    }

    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not-found", "no such record")
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> ApiError {
        let (status, slug, detail) = match &error {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "not-found",
                "no such record".to_owned(),
            ),
            AppError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "a key is required".to_owned(),
            ),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "not allowed".to_owned()),
            AppError::Validation(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-parameter",
                errors.0.keys().cloned().collect::<Vec<_>>().join(", "),
            ),
            AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict", "conflict".to_owned()),
            AppError::RateLimited => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                "too many calls".to_owned(),
            ),
            AppError::BadRequest | AppError::Transport(_) => (
                StatusCode::BAD_REQUEST,
                "bad-request",
                "the request could not be read".to_owned(),
            ),
            AppError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "try again later".to_owned(),
            ),
            AppError::Internal { reference } => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                format!("something went wrong (ref {reference})"),
            ),
        };
        ApiError::new(status, slug, detail)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> ApiError {
        ApiError::from(AppError::from(error))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = Problem {
            kind: format!("/api/v1/docs#problem-{}", self.slug),
            title: self.status.canonical_reason().unwrap_or("error").to_owned(),
            status: self.status.as_u16(),
            detail: self.detail,
        };
        let mut response = (self.status, Json(problem)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after_s {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
