//! The files of `public/` (`pwa.js`, which every page asks for, the service worker, the icons, the web
//! manifest, the offline page), each with a route of its own, served ahead of the session layer.
//!
//! Leptos's fallback serves them otherwise, after the session layer: a browser with a session cookie had its
//! session read from the database (and saved, `with_always_save`) for every icon and script, and got
//! them back as `no-store`, so it fetched them again on every page. They are the same for everyone, so
//! here they are `public`: kept and revalidated by the browser (`Last-Modified`), and read without the
//! database.
use std::path::Path;

use axum::Router;
use tower::Layer;

use super::router::vary_by_encoding;
use tower_http::{
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeaderLayer,
};

/// A file at the top of the site: asked again once a deployment may have changed it (`pwa.js` and the
/// service worker register each other, so they must not go stale for long).
const FILE_LIFETIME: &str = "public, no-cache";
/// An icon: fixed names, shown on every page; an hour's delay for a new one is nothing.
const DIRECTORY_LIFETIME: &str = "public, max-age=3600";

/// A route per file and per folder found at the top of `site_root` (read once, at start-up), except the
/// built assets in `pkg_dir` (served with a year's lifetime elsewhere) and the `.br` / `.gz` copies beside
/// each file (sent in its place when the browser accepts them). No site on disk gives no routes: the
/// fallback then answers as before.
pub fn routes(site_root: &Path, pkg_dir: &str) -> Router {
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

fn lifetime(value: &'static str) -> SetResponseHeaderLayer<super::router::CacheFor> {
    SetResponseHeaderLayer::overriding(
        axum::http::header::CACHE_CONTROL,
        super::router::CacheFor(value),
    )
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
