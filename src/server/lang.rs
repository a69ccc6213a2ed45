//! `/bahasa/{code}`: remembers the language choice in a cookie and goes back to the page.
//! A plain link, so it works before hydration and without JavaScript.
use axum::{
    extract::{Path, Query},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::core::{
    i18n::{LANG_COOKIE, Lang},
    local_path::local_path,
};

#[derive(Deserialize)]
pub struct Back {
    kembali: Option<String>,
}

pub async fn switch_language(Path(code): Path<String>, Query(back): Query<Back>) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let target = safe_local_path(back.kembali.as_deref());
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, target)]).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Only paths of this portal (`core::local_path`, the one check for every return address); else home.
pub fn safe_local_path(path: Option<&str>) -> String {
    path.and_then(local_path).unwrap_or("/").to_owned()
}

/// An anonymous visitor: every cookie is the language choice (a session cookie, even an expired one,
/// means "not anonymous"). Such a visitor may get a kept public page and hydrates on demand.
pub fn only_language_cookie(cookies: Option<&str>) -> bool {
    cookies
        .into_iter()
        .flat_map(|header| header.split(';'))
        .map(str::trim)
        .filter(|pair| !pair.is_empty())
        .all(|pair| {
            pair.split_once('=')
                .is_some_and(|(name, _)| name == LANG_COOKIE)
        })
}

#[cfg(test)]
mod tests {
    use super::safe_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_local_path(Some("/lowongan?q=las")), "/lowongan?q=las");
        assert_eq!(safe_local_path(Some("//evil.example/")), "/");
        assert_eq!(safe_local_path(Some("https://evil.example/")), "/");
        assert_eq!(safe_local_path(Some("/\\evil.example")), "/");
        // As `?kembali=/%09/evil.example` arrives: browsers drop the TAB and go to another site.
        assert_eq!(safe_local_path(Some("/\t/evil.example")), "/");
        assert_eq!(safe_local_path(None), "/");
    }
}
