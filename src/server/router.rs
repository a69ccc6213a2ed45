//! The HTTP surface: operations routes, Leptos pages and server functions, static files, the features'
//! own routes (given by the composition root, `wiring`), and the layers every response passes through.
use axum::{Router, middleware, routing::get};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::ServiceBuilder;
use tower_http::{
    CompressionLevel,
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

use crate::{
    app::{App, shell},
    server::{
        authz, csrf, health, http, lang, nul_guard, page_cache, public_files, request_owner,
        security, session, state::AppState, telemetry,
    },
};

/// The portal around `feature_routes` (downloads and uploads of the features). Every request body is
/// limited to the configured default, except the paths in `file_limits` (those that take files).
pub fn build(
    state: AppState,
    feature_routes: Router<AppState>,
    file_limits: Vec<(&'static str, usize)>,
) -> Router {
    let routes = generate_route_list(App);
    let body_limit = state.config.server.body_limit_bytes;
    let https = state.config.https();
    let (sessions, prefetched) = session::layer(state.db.clone(), state.clock.clone(), https);
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let pages = state.pages.clone();
    let file_limits: std::sync::Arc<[(&'static str, usize)]> = file_limits.into();
    let stylesheet = crate::ui::hydration::stylesheet_href(&state.leptos_options);

    // What needs no session: the health checks, the built assets and the files of `public/`. Each
    // request with a session cookie had its session read (and saved) for them too: a signed-in page's
    // icons, `pwa.js` and some 80 WASM chunks, each a statement on the database.
    let without_session = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .with_state(state.clone())
        .merge(public_files::routes(&state.leptos_options));

    let router = Router::new()
        .route("/bahasa/{code}", get(lang::switch_language))
        .merge(feature_routes)
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                security::provide_page_nonce();
            },
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(security::provide_page_nonce, shell))
        .layer(middleware::from_fn(nul_guard::refuse_nul))
        .layer(middleware::from_fn(move |request, next| {
            body_limit::by_path(body_limit, file_limits.clone(), request, next)
        }))
        .with_state(state)
        .layer(middleware::from_fn(crate::server::error::error_status))
        .layer(middleware::from_fn_with_state(
            stylesheet,
            http::localize_errors,
        ))
        .layer(middleware::from_fn(csrf::same_origin_only))
        .layer(middleware::from_fn_with_state(
            prefetched,
            authz::load_user_once_per_request,
        ))
        .layer(sessions)
        .layer(middleware::from_fn(security::page_policy));
    let mut router = without_session.merge(router);
    for layer in security::header_layers(https) {
        router = router.layer(layer);
    }
    router = router.layer(middleware::from_fn(security::no_store_with_session));
    // Inside the compression layer, which leaves the kept pages' brotli copies as they are.
    router = router.layer(middleware::from_fn_with_state(pages, page_cache::serve));
    router = router.layer(middleware::from_fn(whole_pages::collect));
    router.layer(
        ServiceBuilder::new()
            // First: each request under a reactive owner of its own (`request_owner`).
            .layer(middleware::from_fn(request_owner::isolate))
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(telemetry::request_span))
            .layer(PropagateRequestIdLayer::x_request_id())
            // Pages rendered per request (signed-in ones, mostly) are gzipped at level 2: brotli sets up
            // megabytes of tables for every response, and the dashboard served 335 requests/s with it
            // against 577 with gzip, for 5.4 against 5.6 KB sent. Level 2 is 40% faster than 4 for
            // 6% more bytes. Kept public pages are brotli from the page cache; built assets come
            // precompressed at brotli 11.
            .layer(
                CompressionLayer::new()
                    .no_br()
                    .quality(CompressionLevel::Precise(2)),
            ),
    )
}

/// Pages rendered per request are compressed whole, in one call, rather than chunk by chunk as Leptos's
/// response stream hands them over (a page rendered whole, `SsrMode::Async`, still arrives as the page and then
/// the scripts of its resolved resources). Such a page is rendered in a millisecond or two, so streaming it
/// gained nothing a person could see. Measured only together with two other changes (2026-12-06
/// in BENCHMARKS.md): the gzipped size did not change, so its own share of the gain is not known.
mod whole_pages {
    use axum::{
        body::Body,
        extract::Request,
        http::{Method, StatusCode, header},
        middleware::Next,
        response::Response,
    };

    /// Far above any page the portal renders; a page that grows past it is an error, not a truncation.
    const LARGEST_PAGE: usize = 16 * 1024 * 1024;

    pub async fn collect(request: Request, next: Next) -> Response {
        // A HEAD answer has no body, so it is not collected (Leptos still renders the page before the headers).
        if request.method() == Method::HEAD {
            return next.run(request).await;
        }
        let response = next.run(request).await;
        let headers = response.headers();
        let is_html = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"));
        // Kept public pages arrive compressed already.
        if !is_html || headers.contains_key(header::CONTENT_ENCODING) {
            return response;
        }
        let (mut parts, body) = response.into_parts();
        match axum::body::to_bytes(body, LARGEST_PAGE).await {
            Ok(page) => Response::from_parts(parts, Body::from(page)),
            Err(error) => {
                tracing::error!(%error, "a rendered page could not be collected");
                // The security headers, `no-store` and any new session cookie stay.
                parts.status = StatusCode::INTERNAL_SERVER_ERROR;
                parts.headers.remove(header::CONTENT_LENGTH);
                Response::from_parts(parts, Body::empty())
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use axum::{
            Router,
            body::{Body, Bytes, HttpBody},
            http::{Method, Request, StatusCode, header},
            middleware,
            response::Response,
            routing::get,
        };
        use tower::ServiceExt;

        /// A response streamed in two chunks, as Leptos streams a page; the second fails if `broken`.
        fn streamed(content_type: &'static str, broken: bool) -> Response {
            let second = if broken {
                Err(std::io::Error::other("the render failed"))
            } else {
                Ok(Bytes::from_static(b"<p>two</p>"))
            };
            let chunks = [Ok(Bytes::from_static(b"<p>one</p>")), second];
            let mut response = Response::new(Body::from_stream(futures::stream::iter(chunks)));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static(content_type),
            );
            response
        }

        async fn through_collect(
            content_type: &'static str,
            broken: bool,
            method: Method,
        ) -> Response {
            let app = Router::new()
                .route(
                    "/",
                    get(move || async move { streamed(content_type, broken) }),
                )
                .layer(middleware::from_fn(super::collect));
            let request = Request::builder()
                .method(method)
                .uri("/")
                .body(Body::empty())
                .expect("a valid request");
            app.oneshot(request).await.expect("the router answers")
        }

        const HTML: &str = "text/html; charset=utf-8";

        #[tokio::test]
        async fn a_rendered_page_arrives_whole_with_its_length() {
            let response = through_collect(HTML, false, Method::GET).await;
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.body().size_hint().exact(), Some(20));
            let body = axum::body::to_bytes(response.into_body(), 100)
                .await
                .expect("a body");
            assert_eq!(&body[..], b"<p>one</p><p>two</p>");
        }

        #[tokio::test]
        async fn other_responses_are_left_streaming() {
            let response = through_collect("text/event-stream", false, Method::GET).await;
            assert_eq!(response.body().size_hint().exact(), None);
        }

        #[tokio::test]
        async fn a_page_that_fails_midway_is_an_error_with_its_headers_kept() {
            let response = through_collect(HTML, true, Method::GET).await;
            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(response.headers()[header::CONTENT_TYPE], HTML);
        }

        #[tokio::test]
        async fn a_head_request_does_not_render_the_whole_page() {
            // Only the first chunk is needed for the headers: the failing second one is never read.
            let response = through_collect(HTML, true, Method::HEAD).await;
            assert_eq!(response.status(), StatusCode::OK);
        }
    }
}

/// Request body limits: small everywhere, except the paths that take files.
mod body_limit {
    use std::sync::Arc;

    use axum::{
        body::Body,
        extract::Request,
        http::{StatusCode, header},
        middleware::Next,
        response::{IntoResponse, Response},
    };

    fn limit_for(path: &str, file_limits: &[(&str, usize)], default: usize) -> usize {
        file_limits
            .iter()
            .find(|(file_path, _)| *file_path == path)
            .map_or(default, |(_, limit)| *limit)
    }

    pub async fn by_path(
        default: usize,
        file_limits: Arc<[(&'static str, usize)]>,
        request: Request,
        next: Next,
    ) -> Response {
        let limit = limit_for(request.uri().path(), &file_limits, default);
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|length| length > limit) {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        }
        // A body without a length (chunked) is cut off at the limit while it is read.
        let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
        next.run(request).await
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn only_the_listed_paths_get_a_larger_limit() {
            let files = [("/api/upload", 9_000)];
            assert_eq!(super::limit_for("/api/upload", &files, 100), 9_000);
            assert_eq!(super::limit_for("/api/upload/x", &files, 100), 100);
            assert_eq!(super::limit_for("/", &files, 100), 100);
        }
    }
}
