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
    if state.db.ping(Duration::from_secs(2)).await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
