//! `/healthz`: the process answers. `/readyz`: migrations ran and the database answers now.
use std::time::Duration;

use axum::{extract::State, http::StatusCode};

use crate::server::state::AppState;

pub async fn healthz() -> (StatusCode, &'static str) {
    (StatusCode::OK, "ok")
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if !state.is_migrated() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "starting: database not migrated yet",
        );
    }
    // Under a second, so a load balancer takes an instance whose database went away out of rotation
    // within one probe (the pool would otherwise keep retrying a refused connection for seconds).
    if state.db.ping(Duration::from_millis(800)).await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
