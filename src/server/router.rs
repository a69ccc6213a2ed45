//! The whole HTTP surface in one place: operations routes, Leptos pages and server functions, static
//! files, and the layers every response passes through.
use axum::{Router, routing::get};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

use crate::{
    app::{App, shell},
    server::{health, lang, security, state::AppState, telemetry},
};

pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let body_limit = state.config.server.body_limit_bytes;
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();

    let mut router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/bahasa/{code}", get(lang::switch_language))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .with_state(state);

    for layer in security::header_layers() {
        router = router.layer(layer);
    }
    router.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(telemetry::request_span))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(RequestBodyLimitLayer::new(body_limit))
            .layer(CompressionLayer::new()),
    )
}
