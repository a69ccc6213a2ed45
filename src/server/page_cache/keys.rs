//! What decides a page may be kept: the allowlist of public addresses, the request's key, the answer's headers.
use axum::{
    extract::Request,
    http::{HeaderMap, Method, header},
};

use crate::{core::i18n::Lang, server::lang::only_language_cookie};

const PUBLIC_PAGES: &[&str] = &[
    "/",
    "/masuk",
    "/daftar",
    "/daftar/pencaker",
    "/daftar/perusahaan",
    "/lupa-sandi",
    "/lowongan",
    "/bursa-kerja",
    "/regulasi",
];
const PUBLIC_PREFIXES: &[&str] = &["/lowongan/", "/bursa-kerja/", "/alat/"];

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub(super) struct Key {
    pub(super) lang: Lang,
    pub(super) path_and_query: String,
}

/// The key of a request whose answer may be kept: an anonymous GET of a public page.
pub(super) fn request_key(request: &Request) -> Option<Key> {
    let headers = request.headers();
    if request.method() != Method::GET
        || headers.contains_key(header::AUTHORIZATION)
        || !is_public_page(request.uri().path())
        || headers.get_all(header::COOKIE).iter().count() > 1
    {
        return None;
    }
    let cookies = match headers.get(header::COOKIE) {
        Some(value) => Some(value.to_str().ok()?),
        None => None,
    };
    if !only_language_cookie(cookies) {
        return None;
    }
    Some(Key {
        lang: Lang::from_cookie_header(cookies),
        path_and_query: request.uri().path_and_query()?.as_str().to_owned(),
    })
}

pub(super) fn is_public_page(path: &str) -> bool {
    PUBLIC_PAGES.contains(&path) || PUBLIC_PREFIXES.iter().any(|p| path.starts_with(p))
}

pub(super) fn may_keep(headers: &HeaderMap) -> bool {
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let private = headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("no-store") || v.contains("private"));
    html && !private
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
}

pub(super) fn accepts_brotli(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            parts.next() == Some("br")
                && parts.all(|param| {
                    param
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_none_or(|q| q > 0.0)
                })
        })
}
