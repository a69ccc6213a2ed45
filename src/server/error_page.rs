//! What a browser that opened a download or file (a PDF link, a CSV export, an uploaded document) gets
//! when that route answers with an error: before, a line of plain text and no way on. Now a session that
//! ended goes to the sign-in, which comes back to the file; any other error is a short page of the portal
//! in the request's language, with a link home. A script's request (`fetch`) still gets the plain text.
use axum::{
    body::Body,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::Response,
};

use crate::core::{
    error::AppError,
    i18n::{Lang, Strings},
    local_path::local_path,
};

/// Whether the request is a person opening the address in a browser tab, not a script's request or a
/// form's post. Browsers since 2020–2023 say so (`Sec-Fetch-Dest: document`, or `Sec-Fetch-Mode:
/// navigate`: a navigation the portal's service worker passes on arrives with `Sec-Fetch-Dest: empty`);
/// older ones are recognized by asking for HTML first.
pub fn is_navigation(method: &Method, headers: &HeaderMap) -> bool {
    if method != Method::GET && method != Method::HEAD {
        return false;
    }
    let get = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    match (get("sec-fetch-mode"), get("sec-fetch-dest")) {
        (Some("navigate"), dest) => matches!(dest, None | Some("document" | "empty")),
        (_, Some(dest)) => dest == "document",
        (_, None) => {
            get(header::ACCEPT.as_str()).is_some_and(|accept| accept.starts_with("text/html"))
        }
    }
}

/// The answer to a navigation that met `error` at `address` (the path and query asked for).
pub fn respond(
    error: &AppError,
    status: StatusCode,
    lang: Lang,
    address: &str,
    stylesheet: &str,
    message: &str,
) -> Response {
    if matches!(error, AppError::Unauthenticated) {
        return to_sign_in(address);
    }
    let page = render(lang, stylesheet, message);
    let mut response = Response::new(Body::from(page));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// `/masuk?kembali=<address>`: after signing in, the person is taken back to what they opened. An address
/// the sign-in would refuse to return to (too long) is left out.
fn to_sign_in(address: &str) -> Response {
    let location = match local_path(address) {
        Some(local) => format!(
            "/masuk?kembali={}",
            crate::ui::layout::encode_query_value(local)
        ),
        None => "/masuk".to_owned(),
    };
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::SEE_OTHER;
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn render(lang: Lang, stylesheet: &str, message: &str) -> String {
    let t: &Strings = lang.strings();
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} — d'naker DIGI</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body class=\"bg-slate-50 text-slate-900\"><main class=\"mx-auto max-w-xl px-4 py-10\">\
         <div role=\"alert\" class=\"rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900\">\
         <h1 class=\"font-semibold\">{title}</h1><p class=\"mt-1\">{message}</p></div>\
         <p class=\"mt-6\"><a class=\"link\" href=\"/\">{home}</a></p></main></body></html>",
        lang = lang.code(),
        title = escape(t.error_title),
        css = escape(stylesheet),
        message = escape(message),
        home = escape(t.back_home),
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_a_page_opened_in_a_tab_is_a_navigation() {
        let tab = headers(&[("sec-fetch-dest", "document"), ("accept", "*/*")]);
        // As Chromium sends a navigation that the service worker (`public/sw.js`) fetches.
        let through_worker =
            headers(&[("sec-fetch-mode", "navigate"), ("sec-fetch-dest", "empty")]);
        let frame = headers(&[("sec-fetch-mode", "navigate"), ("sec-fetch-dest", "iframe")]);
        let fetch = headers(&[("sec-fetch-mode", "cors"), ("sec-fetch-dest", "empty")]);
        assert!(is_navigation(&Method::GET, &through_worker));
        assert!(!is_navigation(&Method::GET, &frame));
        assert!(!is_navigation(&Method::GET, &fetch));
        let script = headers(&[("sec-fetch-dest", "empty"), ("accept", "text/html")]);
        let old_browser = headers(&[("accept", "text/html,application/xhtml+xml,*/*;q=0.8")]);
        let curl = headers(&[("accept", "*/*")]);
        assert!(is_navigation(&Method::GET, &tab));
        assert!(is_navigation(&Method::HEAD, &tab));
        assert!(!is_navigation(&Method::POST, &tab));
        assert!(!is_navigation(&Method::GET, &script));
        assert!(is_navigation(&Method::GET, &old_browser));
        assert!(!is_navigation(&Method::GET, &curl));
        assert!(!is_navigation(&Method::GET, &HeaderMap::new()));
    }

    #[test]
    fn a_page_escapes_what_it_shows() {
        let page = render(Lang::En, "/pkg/a\".css", "<b>&</b>");
        assert!(page.contains("&lt;b&gt;&amp;&lt;/b&gt;"), "{page}");
        assert!(page.contains("href=\"/pkg/a&quot;.css\""), "{page}");
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    }

    #[test]
    fn an_overlong_address_signs_in_without_coming_back() {
        let long = format!("/petugas/ekspor.csv?q={}", "a".repeat(2000));
        let response = to_sign_in(&long);
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/masuk");
    }
}
