//! The daily job: versions whose effective date has come are announced to their followers (and, for wages,
//! the consequence to companies), each once.
use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
    },
    features::regulations::{
        announce::{Announcement, announce},
        repo,
    },
    server::state::AppState,
};

pub async fn announce_effective(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = format_date(wib_date(now));
    let due = {
        let mut conn = state.db.pool.acquire().await?;
        repo::due_announcements(&mut conn, &today).await?
    };
    let (mut versions, mut notices) = (0, 0);
    for (version_id, regulation_id, category, title) in due {
        let mut tx = state.db.begin_write().await?;
        let a = Announcement {
            version_id,
            regulation_id,
            category: &category,
            title: &title,
        };
        notices += announce(state, &mut tx, &a, now).await?;
        tx.commit().await?;
        versions += 1;
    }
    Ok(format!("{versions} versions announced, {notices} notices"))
}
