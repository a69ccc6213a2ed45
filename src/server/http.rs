//! HTTP in one idiom for the routes that are not pages or server functions (downloads, uploads):
//! a handler takes a `RequestCtx` and returns `Result<Responder, AppError>`.
//!
//! An `AppError` answers with its status; its text is written by `localize_errors` in the language of the
//! request (a visitor who chose English gets English, also on a download).
use axum::{
    Json,
    extract::{FromRequestParts, Request, State},
    http::{HeaderValue, StatusCode, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{
    core::{
        error::AppError,
        i18n::{Lang, Strings},
    },
    server::{authz::RequestCtx, error_page, state::AppState},
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

/// Rewrites the body of an `AppError` response in the request's language (the `lang` cookie). A browser
/// tab that opened the address (a download link) gets the error as a page instead (`error_page`), whose
/// stylesheet is `stylesheet`.
pub async fn localize_errors(
    State(stylesheet): State<&'static str>,
    request: Request,
    next: Next,
) -> Response {
    let lang = Lang::from_cookie_header(
        request
            .headers()
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok()),
    );
    let navigation = error_page::is_navigation(request.method(), request.headers())
        .then(|| request.uri().clone());
    let mut response = next.run(request).await;
    let Some(error) = response.extensions_mut().remove::<AppError>() else {
        return response;
    };
    if let Some(uri) = navigation {
        let address = uri.path_and_query().map_or("/", |pq| pq.as_str());
        let message = error_text(&error, lang.strings());
        return error_page::respond(
            &error,
            response.status(),
            lang,
            address,
            stylesheet,
            &message,
        );
    }
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

    async fn answer(cookie: Option<&str>, error: AppError, navigation: bool) -> Response {
        let router = Router::new()
            .route(
                "/",
                get(move || {
                    let error = error.clone();
                    async move { Err::<(), _>(error) }
                }),
            )
            .layer(middleware::from_fn_with_state(
                "/pkg/dnaker.css",
                localize_errors,
            ));
        let mut request = axum::http::Request::get("/?a=1");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        if navigation {
            request = request.header("sec-fetch-dest", "document");
        }
        router
            .oneshot(request.body(Body::empty()).expect("request"))
            .await
            .expect("answer")
    }

    async fn error_in(cookie: Option<&str>, error: AppError) -> (StatusCode, String) {
        let response = answer(cookie, error, false).await;
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

    #[tokio::test]
    async fn a_tab_gets_the_error_as_a_page_and_an_ended_session_the_sign_in() {
        let en = format!("{LANG_COOKIE}=en");
        let response = answer(Some(&en), AppError::Forbidden, true).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            header(&response, header::CONTENT_TYPE),
            "text/html; charset=utf-8"
        );
        let page = body(response).await;
        assert!(page.contains(Lang::En.strings().err_forbidden), "{page}");
        assert!(page.contains("<html lang=\"en\">"), "{page}");
        assert!(page.contains("href=\"/pkg/dnaker.css\""), "{page}");
        assert!(page.contains("href=\"/\""), "a way on: {page}");

        let response = answer(None, AppError::Unauthenticated, true).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            header(&response, header::LOCATION),
            "/masuk?kembali=/%3Fa%3D1"
        );
        // A script's request still gets the status and the text.
        let (status, text) = error_in(None, AppError::Unauthenticated).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(text, Lang::Id.strings().err_unauthenticated);
    }
}
