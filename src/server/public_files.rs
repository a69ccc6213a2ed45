//! Files routed ahead of the session layer: the built JS, WASM and CSS (`/pkg`), and the files of `public/`
//! (`pwa.js`, which every page asks for, the service worker, the icons, the web manifest, the offline
//! page), each with a route of its own.
//!
//! Leptos's fallback served the files of `public/` otherwise, after the session layer, and `/pkg` sat
//! behind it too: a browser with a session cookie had its session read from the database (and saved,
//! `with_always_save`) for every icon, script and WASM chunk, and got the files of `public/` back as
//! `no-store`, so it fetched them again on every page. They are the same for everyone, so here they are
//! `public`: kept and revalidated by the browser (`Last-Modified`), and read without the database.
use std::path::Path;

use axum::{
    Router,
    http::{HeaderValue, Response, StatusCode, header},
};
use leptos::config::LeptosOptions;
use tower::Layer;
use tower_http::{
    services::{ServeDir, ServeFile},
    set_header::{MakeHeaderValue, SetResponseHeader, SetResponseHeaderLayer},
};

/// A file at the top of the site: asked again once a deployment may have changed it (`pwa.js` and the
/// service worker register each other, so they must not go stale for long).
const FILE_LIFETIME: &str = "public, no-cache";
/// An icon: fixed names, shown on every page; an hour's delay for a new one is nothing.
const DIRECTORY_LIFETIME: &str = "public, max-age=3600";

/// The built assets under `/pkg` and a route per file and per folder of the site root.
pub fn routes(options: &LeptosOptions) -> Router {
    let pkg_dir: &str = options.site_pkg_dir.as_ref();
    site_root_files(Path::new(options.site_root.as_ref()), pkg_dir)
        .nest_service(&format!("/{pkg_dir}"), built_assets(options))
}

/// A route per file and per folder found at the top of `site_root` (read once, at start-up), except the
/// built assets in `pkg_dir` (routed by [`routes`] with their own lifetime) and the `.br` / `.gz` copies
/// beside each file (sent in its place when the browser accepts them). No site on disk gives no routes:
/// the fallback then answers as before.
fn site_root_files(site_root: &Path, pkg_dir: &str) -> Router {
    let mut router = Router::new();
    let Ok(entries) = std::fs::read_dir(site_root) else {
        return router;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if !is_plain_name(&name) || name == pkg_dir || is_compressed_copy(&name) {
            continue;
        }
        let route = format!("/{name}");
        if path.is_dir() {
            let files = ServeDir::new(&path).precompressed_br().precompressed_gzip();
            let files = lifetime(DIRECTORY_LIFETIME).layer(vary_by_encoding().layer(files));
            router = router.nest_service(&route, files);
        } else if path.is_file() {
            let file = ServeFile::new(&path)
                .precompressed_br()
                .precompressed_gzip();
            let file = lifetime(FILE_LIFETIME).layer(vary_by_encoding().layer(file));
            router = router.route_service(&route, file);
        }
    }
    router
}

fn lifetime(value: &'static str) -> SetResponseHeaderLayer<CacheFor> {
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, CacheFor(value))
}

/// The built JS, WASM and CSS. Their names carry a content hash (cargo-leptos `hash-files`), so a phone
/// keeps them for a year; `--precompress` leaves `.br` and `.gz` files beside them, sent as they are
/// instead of compressing two megabytes of WASM on every first visit.
fn built_assets(
    options: &LeptosOptions,
) -> SetResponseHeader<SetResponseHeader<ServeDir, HeaderValue>, CacheFor> {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let lifetime = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, CacheFor(lifetime))
        .layer(vary_by_encoding().layer(ServeDir::new(dir).precompressed_br().precompressed_gzip()))
}

/// The `Cache-Control` of a successful asset response and of a 304 (a browser takes a 304's headers onto
/// the copy it keeps: without it, `no_store_with_session` would mark a signed-in browser's copy `no-store`).
/// A 404 is not cached.
#[derive(Clone, Copy)]
struct CacheFor(&'static str);

impl<B> MakeHeaderValue<Response<B>> for CacheFor {
    fn make_header_value(&mut self, response: &Response<B>) -> Option<HeaderValue> {
        let status = response.status();
        (status.is_success() || status == StatusCode::NOT_MODIFIED)
            .then(|| HeaderValue::from_static(self.0))
    }
}

/// `Vary: Accept-Encoding` on files sent from their precompressed copies (tower-http's `ServeDir` does not
/// say it): a shared cache must not hand the brotli copy to a browser that asked for none.
fn vary_by_encoding() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::appending(header::VARY, HeaderValue::from_static("accept-encoding"))
}

/// Letters, digits, `.`, `-` and `_`, not starting with a dot: a name that is a path segment as it is
/// (no route syntax such as `{`), and no hidden file.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

fn is_compressed_copy(name: &str) -> bool {
    name.ends_with(".br") || name.ends_with(".gz")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_become_routes() {
        for name in ["pwa.js", "icon-192.png", "manifest.webmanifest", "sw.js"] {
            assert!(is_plain_name(name), "{name}");
        }
        for name in ["", ".hidden", "{id}", "a b", "*rest", "ä.js"] {
            assert!(!is_plain_name(name), "{name:?}");
        }
        assert!(is_compressed_copy("pwa.js.br") && is_compressed_copy("pwa.js.gz"));
        assert!(!is_compressed_copy("pwa.js"));
    }
}
