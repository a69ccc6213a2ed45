//! The vacancies' periodic job, run by the server's job mechanism (`server::jobs`, listed in `wiring`).
use crate::{
    core::error::AppError, features::vacancies::repo::vacancies::close_expired,
    server::state::AppState,
};

/// Closes every vacancy whose deadline day has passed (one pass; an hourly job). Closing is a guarded
/// update, so two instances running it at once close each vacancy once.
pub async fn close_expired_vacancies(state: &AppState) -> Result<String, AppError> {
    let closed = close_expired(&state.db, state.clock.now_ms()).await?;
    if closed > 0 {
        tracing::info!(closed, "vacancies past their deadline closed");
    }
    Ok(format!("{closed} vacancies closed"))
}
