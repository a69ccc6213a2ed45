//! The inbox's server functions: every role, always the asker's own notices.
use leptos::prelude::*;

use crate::{core::error::AppError, features::inbox::model::InboxView};

#[cfg(feature = "ssr")]
use crate::{
    features::inbox::reader,
    server::{authz::RequestCtx, error::respond},
};

/// One page (0-based) of the asker's notices, with counts and e-mail choices.
#[server]
pub async fn load_inbox(#[server(default)] page: i64) -> Result<InboxView, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(reader::view(&ctx, page).await)
}

/// The header's count of unread notices (0 for visitors).
#[server]
pub async fn unread_notices() -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(reader::unread(&ctx).await)
}

#[server]
pub async fn mark_notice_read(notice_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(reader::mark_read(&ctx, notice_id).await)
}

/// Returns how many notices were unread.
#[server]
pub async fn mark_all_notices_read() -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(reader::mark_all_read(&ctx).await)
}

/// Marks the asker's unread notices of one category read; returns how many were unread.
#[server]
pub async fn mark_category_read(#[server(default)] category: String) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(reader::mark_category_read(&ctx, &category).await)
}

/// `on` is "1" to receive the category's e-mail copy, anything else to stop it.
#[server]
pub async fn set_notice_email(
    #[server(default)] category: String,
    #[server(default)] on: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(reader::set_email(&ctx, &category, on == "1").await)
}
