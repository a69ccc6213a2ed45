//! Refuses a NUL character in a request's address or form body before any handler binds it. PostgreSQL
//! refuses NUL in text, so a `%00` in a search, a sign-in e-mail or a verification code was a 500 there
//! (SQLite stored it), and no field of the portal ever takes one. Files come as multipart and are checked
//! by their own readers; the partner API answers its callers with its own problem documents.
use axum::{
    body::Body,
    extract::Request,
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::core::error::AppError;

const PARTNER_API: &str = "/api/v1/";

pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let uri = request.uri();
    if uri.path().starts_with(PARTNER_API) {
        return next.run(request).await;
    }
    if has_nul(uri.path().as_bytes()) || uri.query().is_some_and(|q| has_nul(q.as_bytes())) {
        return AppError::BadRequest.into_response();
    }
    let form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return next.run(request).await;
    }
    // The body is already limited (`body_limit`, the layer outside this one).
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => {
            return if past_the_limit(&error) {
                StatusCode::PAYLOAD_TOO_LARGE.into_response()
            } else {
                AppError::BadRequest.into_response()
            };
        }
    };
    if has_nul(&bytes) {
        return AppError::BadRequest.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Whether reading the body stopped at `body_limit`'s limit: its error sits under axum's wrappers (one
/// from the limited body, one from `to_bytes`).
fn past_the_limit(error: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = cause {
        if current.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = current.source();
    }
    false
}

/// A NUL byte, or one percent-encoded (`%00`).
fn has_nul(text: &[u8]) -> bool {
    text.contains(&0) || text.windows(3).any(|window| window == b"%00")
}

#[cfg(test)]
mod tests {
    use axum::{Router, routing::post};
    use tower::ServiceExt;

    use super::*;

    async fn status(uri: &str, body: &'static [u8]) -> StatusCode {
        let router = Router::new()
            .fallback(post(|body: String| async move { body }))
            .layer(axum::middleware::from_fn(refuse_nul));
        let request = axum::http::Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request");
        router.oneshot(request).await.expect("answer").status()
    }

    #[tokio::test]
    async fn a_nul_anywhere_in_the_address_or_the_form_is_refused() {
        assert_eq!(
            status("/api/sign_in", b"email=a%40b.id&password=x").await,
            StatusCode::OK
        );
        assert_eq!(
            status("/api/sign_in", b"email=%00&password=x").await,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status("/api/sign_in", b"email=\0").await,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status("/pelatihan?q=%00", b"").await,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(status("/lowongan/%00", b"").await, StatusCode::BAD_REQUEST);
        // Encoded twice it is the text "%00", which is harmless.
        assert_eq!(status("/api/x", b"q=%2500").await, StatusCode::OK);
        // The partner API answers with its own problem documents.
        assert_eq!(status("/api/v1/vacancies?q=%00", b"").await, StatusCode::OK);
    }

    #[tokio::test]
    async fn a_form_past_the_body_limit_is_too_large() {
        let router = Router::new()
            .fallback(post(|body: String| async move { body }))
            .layer(axum::middleware::from_fn(refuse_nul));
        // As `body_limit` hands it on: a chunked body (no length) cut off at the limit.
        let body = Body::new(http_body_util::Limited::new(
            Body::from("q=".repeat(100)),
            10,
        ));
        let request = axum::http::Request::post("/api/x")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .expect("request");
        let status = router.oneshot(request).await.expect("answer").status();
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    }
}
