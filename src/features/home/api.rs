use leptos::prelude::*;

use crate::{core::error::AppError, features::home::model::HomeSummary};

/// Public: no sign-in, no personal data.
#[server]
pub async fn load_home_summary() -> Result<HomeSummary, AppError> {
    let state = crate::server::state::app_state()?;
    if !state.is_migrated() {
        return Err(AppError::Unavailable);
    }
    let today = crate::core::calendar::format_date(crate::core::calendar::wib_date(
        crate::server::db::now_ms(),
    ));
    let version = crate::server::cache::data_version(&state.db, "vacancies").await?;
    let summary = state
        .cache
        .home(
            version,
            today.clone(),
            crate::features::home::repo::summary(&state.db, &today),
        )
        .await?;
    Ok((*summary).clone())
}
