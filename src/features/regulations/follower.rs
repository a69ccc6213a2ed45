//! Following a category (any signed-in person): a notice when one of its regulations changes or takes effect.
use crate::{
    core::error::AppError,
    features::regulations::{model::CATEGORIES, repo},
    server::{audit, authz::RequestCtx},
};

pub async fn set_follow(ctx: &RequestCtx, category: &str, follow: bool) -> Result<(), AppError> {
    let user = ctx.require_signed_in()?;
    let Some(category) = CATEGORIES.iter().copied().find(|c| *c == category) else {
        return Err(AppError::field("category", "regulation_err_category"));
    };
    let mut tx = ctx.state.db.begin_write().await?;
    if follow {
        repo::follow(&mut tx, user.account_id, category, ctx.now_ms()).await?;
    } else {
        repo::unfollow(&mut tx, user.account_id, category).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "regulation.follow",
            "account",
            Some(user.account_id.to_string()),
        )
        .detail(if follow { category } else { "unfollow" }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
