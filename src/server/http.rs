//! HTTP in one idiom for the routes that are not pages or server functions (downloads, uploads):
//! a handler takes a `RequestCtx` and returns `Result<Responder, AppError>`.
//!
//! An `AppError` answers with its status; its text is written by `localize_errors` in the language of the
//! request (a visitor who chose English gets English, also on a download).
use axum::{
    Json,
    extract::{FromRequestParts, Request},
    http::{HeaderValue, StatusCode, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{
    core::{
        error::AppError,
        i18n::{Lang, Strings},
    },
    server::{authz::RequestCtx, state::AppState},
};

/// The request body limit of a server function that takes one file: the largest file any form takes
/// (a PKWT import, 8 MB) plus the multipart envelope and the form's other fields. Features list their
/// file-taking server functions with it (`body_limits()` in their `routes.rs`).
pub const FILE_FORM_LIMIT: usize = 8 * 1024 * 1024 + 256 * 1024;

/// Shown as a document or image, never run as part of the site.
const SANDBOX: &str = "sandbox; default-src 'none'";

impl IntoResponse for AppError {
    /// The status, and the error kept in the extensions for `localize_errors`; the body is Indonesian until
    /// that middleware knows the request's language.
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, error_text(&self, Lang::Id.strings())).into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// The message of an error; a validation error names what is wrong with its field (a missing reason says
/// so, not only "check the form").
fn error_text(error: &AppError, strings: &Strings) -> String {
    match error {
        AppError::Validation(errors) => errors
            .0
            .values()
            .next()
            .and_then(|key| strings.lookup(key))
            .map_or_else(|| error.localized(strings), str::to_owned),
        _ => error.localized(strings),
    }
}

/// Rewrites the body of an `AppError` response in the request's language (the `lang` cookie).
pub async fn localize_errors(request: Request, next: Next) -> Response {
    let lang = Lang::from_cookie_header(
        request
            .headers()
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok()),
    );
    let mut response = next.run(request).await;
    let Some(error) = response.extensions_mut().remove::<AppError>() else {
        return response;
    };
    if lang == Lang::Id {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, error_text(&error, lang.strings()).into())
}

impl FromRequestParts<AppState> for RequestCtx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        RequestCtx::from_parts(state.clone(), parts).await
    }
}

fn attachment(file_name: &str) -> String {
    format!("attachment; filename=\"{file_name}\"")
}

fn sandbox(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(SANDBOX),
    );
    response
}

/// A PDF download that no cache keeps.
pub struct Pdf {
    file_name: String,
    bytes: Vec<u8>,
    sandboxed: bool,
}

impl Pdf {
    pub fn new(file_name: impl Into<String>, bytes: Vec<u8>) -> Pdf {
        Pdf {
            file_name: file_name.into(),
            bytes,
            sandboxed: false,
        }
    }

    /// For a PDF someone uploaded (not one this server drew): shown, never run as part of the site.
    pub fn sandboxed(self) -> Pdf {
        Pdf {
            sandboxed: true,
            ..self
        }
    }
}

impl IntoResponse for Pdf {
    fn into_response(self) -> Response {
        let response = (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (header::CONTENT_DISPOSITION, attachment(&self.file_name)),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            self.bytes,
        )
            .into_response();
        if self.sandboxed {
            sandbox(response)
        } else {
            response
        }
    }
}

/// A CSV download (UTF-8) that no cache keeps.
pub struct Csv {
    file_name: String,
    bytes: Vec<u8>,
}

impl Csv {
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Csv {
        Csv {
            file_name: file_name.into(),
            bytes: bytes.into(),
        }
    }
}

impl IntoResponse for Csv {
    fn into_response(self) -> Response {
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, attachment(&self.file_name)),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            self.bytes,
        )
            .into_response()
    }
}

/// A stored upload as it was sent: its type read from its bytes, sandboxed.
pub struct Upload {
    bytes: Vec<u8>,
    cache_control: &'static str,
}

impl Upload {
    pub fn new(bytes: Vec<u8>, cache_control: &'static str) -> Upload {
        Upload {
            bytes,
            cache_control,
        }
    }
}

impl IntoResponse for Upload {
    fn into_response(self) -> Response {
        let mime = infer::get(&self.bytes).map_or("application/octet-stream", |t| t.mime_type());
        sandbox(
            (
                [
                    (header::CONTENT_TYPE, mime),
                    (header::CACHE_CONTROL, self.cache_control),
                ],
                self.bytes,
            )
                .into_response(),
        )
    }
}

/// A JSON document as a download that no cache keeps.
pub struct JsonDownload<T> {
    file_name: String,
    value: T,
}

impl<T> JsonDownload<T> {
    pub fn new(file_name: impl Into<String>, value: T) -> JsonDownload<T> {
        JsonDownload {
            file_name: file_name.into(),
            value,
        }
    }
}

impl<T: serde::Serialize> IntoResponse for JsonDownload<T> {
    fn into_response(self) -> Response {
        (
            [
                (header::CONTENT_DISPOSITION, attachment(&self.file_name)),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            Json(self.value),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use axum::{Router, body::Body, middleware, routing::get};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;
    use crate::core::{error::FieldErrors, i18n::LANG_COOKIE};

    fn header(response: &Response, name: header::HeaderName) -> &str {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    async fn body(response: Response) -> String {
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        String::from_utf8(bytes.to_vec()).expect("utf-8")
    }

    #[test]
    fn a_pdf_is_an_attachment_no_cache_keeps() {
        let response = Pdf::new("a-1.pdf", b"%PDF".to_vec()).into_response();
        assert_eq!(header(&response, header::CONTENT_TYPE), "application/pdf");
        assert_eq!(
            header(&response, header::CONTENT_DISPOSITION),
            "attachment; filename=\"a-1.pdf\""
        );
        assert_eq!(header(&response, header::CACHE_CONTROL), "no-store");
        assert!(
            !response
                .headers()
                .contains_key(header::CONTENT_SECURITY_POLICY)
        );
        let uploaded = Pdf::new("x.pdf", vec![]).sandboxed().into_response();
        assert_eq!(header(&uploaded, header::CONTENT_SECURITY_POLICY), SANDBOX);
    }

    #[test]
    fn a_csv_is_utf8_attachment_no_cache_keeps() {
        let response = Csv::new("r.csv", "a,b\n").into_response();
        assert_eq!(
            header(&response, header::CONTENT_TYPE),
            "text/csv; charset=utf-8"
        );
        assert_eq!(
            header(&response, header::CONTENT_DISPOSITION),
            "attachment; filename=\"r.csv\""
        );
        assert_eq!(header(&response, header::CACHE_CONTROL), "no-store");
    }

    #[test]
    fn an_upload_is_typed_by_its_bytes_and_sandboxed() {
        let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        let response = Upload::new(png, "public, max-age=300").into_response();
        assert_eq!(header(&response, header::CONTENT_TYPE), "image/png");
        assert_eq!(
            header(&response, header::CACHE_CONTROL),
            "public, max-age=300"
        );
        assert_eq!(header(&response, header::CONTENT_SECURITY_POLICY), SANDBOX);
        let unknown = Upload::new(b"\x00\x01 unknown".to_vec(), "no-store").into_response();
        assert_eq!(
            header(&unknown, header::CONTENT_TYPE),
            "application/octet-stream"
        );
    }

    #[tokio::test]
    async fn a_json_download_is_an_attachment() {
        let response =
            JsonDownload::new("data-saya.json", serde_json::json!({"a": 1})).into_response();
        assert_eq!(
            header(&response, header::CONTENT_DISPOSITION),
            "attachment; filename=\"data-saya.json\""
        );
        assert_eq!(header(&response, header::CACHE_CONTROL), "no-store");
        assert_eq!(header(&response, header::CONTENT_TYPE), "application/json");
        assert_eq!(body(response).await, r#"{"a":1}"#);
    }

    async fn error_in(cookie: Option<&str>, error: AppError) -> (StatusCode, String) {
        let router = Router::new()
            .route(
                "/",
                get(move || {
                    let error = error.clone();
                    async move { Err::<(), _>(error) }
                }),
            )
            .layer(middleware::from_fn(localize_errors));
        let mut request = axum::http::Request::get("/");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = router
            .oneshot(request.body(Body::empty()).expect("request"))
            .await
            .expect("answer");
        (response.status(), body(response).await)
    }

    #[tokio::test]
    async fn errors_answer_in_the_language_of_the_request() {
        let en = format!("{LANG_COOKIE}=en");
        let id = format!("{LANG_COOKIE}=id");
        let english = Lang::En.strings().err_forbidden;
        let indonesian = Lang::Id.strings().err_forbidden;
        assert_ne!(english, indonesian);
        for (cookie, text) in [
            (Some(en.as_str()), english),
            (Some(id.as_str()), indonesian),
            (None, indonesian),
        ] {
            let (status, body) = error_in(cookie, AppError::Forbidden).await;
            assert_eq!(status, StatusCode::FORBIDDEN);
            assert_eq!(body, text, "{cookie:?}");
        }
        let mut errors = FieldErrors::new();
        errors.add("reason", "err_not_found");
        let (status, body) = error_in(Some(&en), AppError::Validation(errors)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body, Lang::En.strings().err_not_found);
    }
}
