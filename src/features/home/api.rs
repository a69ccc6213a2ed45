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
        .get::<HomeCache>()
        .0
        .get_or_load(
            (version, today.clone()),
            crate::features::home::repo::summary(&state.db, &today),
        )
        .await?;
    Ok((*summary).clone())
}

/// The home figures per vacancies data version and day, one cache per instance (see `server::cache`).
#[cfg(feature = "ssr")]
struct HomeCache(crate::server::cache::VersionedCache<(i64, String), HomeSummary>);

#[cfg(feature = "ssr")]
impl Default for HomeCache {
    fn default() -> Self {
        HomeCache(crate::server::cache::VersionedCache::counted(
            4,
            std::time::Duration::from_secs(60),
        ))
    }
}
