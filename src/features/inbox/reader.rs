//! The inbox's actions and screen, for every signed-in role: the account is always the one asking, and
//! every query names it, so nobody reads or marks another person's notices.
use crate::{
    core::{
        error::AppError,
        local_path::local_path,
        notice::{CATEGORIES, category_of, is_mandatory, known},
        text::format_wib,
    },
    features::inbox::{
        model::{EmailPref, InboxItem, InboxView, PAGE_SIZE},
        repo,
    },
    server::{audit, authz::RequestCtx, notify},
};

/// One page of the inbox with the counts and the e-mail choices. Reading it marks nothing: a notice is
/// read when its person says so (or opens it).
pub async fn view(ctx: &RequestCtx, page: i64) -> Result<InboxView, AppError> {
    let user = ctx.require_signed_in()?;
    let mut conn = ctx.state.db.pool.acquire().await?;
    let page = page.clamp(0, 10_000);
    let rows = repo::page(&mut conn, user.account_id, PAGE_SIZE, page * PAGE_SIZE).await?;
    let (total, unread) = repo::counts(&mut conn, user.account_id).await?;
    let switched = repo::prefs(&mut conn, user.account_id).await?;
    let items = rows
        .into_iter()
        .map(|row| InboxItem {
            id: row.id,
            text: notify::render(ctx.lang, &row.message_key, &row.params),
            link: row.link.as_deref().and_then(local_path).map(str::to_owned),
            category: category_of(&row.message_key).to_owned(),
            sent: format_wib(row.created_at_ms),
            read: row.read_at_ms.is_some(),
        })
        .collect();
    let prefs = CATEGORIES
        .iter()
        .map(|category| EmailPref {
            category: (*category).to_owned(),
            mandatory: is_mandatory(category),
            email_on: is_mandatory(category)
                || switched
                    .iter()
                    .find(|(c, _)| c == category)
                    .is_none_or(|(_, on)| *on == 1),
        })
        .collect();
    Ok(InboxView {
        items,
        unread,
        total,
        page,
        more: (page + 1) * PAGE_SIZE < total,
        prefs,
    })
}

/// The header's count (0 for visitors, who have no inbox).
/// Read with the user (`RequestCtx::unread_notices`), so a page's header costs no statement of its own.
pub async fn unread(ctx: &RequestCtx) -> Result<i64, AppError> {
    Ok(ctx.unread_notices)
}

/// Marks one of the asker's notices read; another person's notice is "not found".
pub async fn mark_read(ctx: &RequestCtx, notice_id: i64) -> Result<(), AppError> {
    let user = ctx.require_signed_in()?;
    let mut tx = ctx.state.db.begin_write().await?;
    if repo::mark_read(&mut tx, user.account_id, notice_id, ctx.now_ms()).await? == 0
        && !repo::owns(&mut tx, user.account_id, notice_id).await?
    {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut *tx,
        ctx.audit("inbox.read", "notification", Some(notice_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Marks every notice of the asker read; returns how many were unread.
pub async fn mark_all_read(ctx: &RequestCtx) -> Result<i64, AppError> {
    let user = ctx.require_signed_in()?;
    let mut tx = ctx.state.db.begin_write().await?;
    let marked = repo::mark_all_read(&mut tx, user.account_id, ctx.now_ms()).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "inbox.read_all",
            "account",
            Some(user.account_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(i64::try_from(marked).unwrap_or(i64::MAX))
}

/// Marks the asker's unread notices of one category read (the category comes from each notice's key, as
/// `core::notice` derives it); returns how many were unread.
pub async fn mark_category_read(ctx: &RequestCtx, category: &str) -> Result<i64, AppError> {
    let user = ctx.require_signed_in()?;
    let Some(category) = known(category) else {
        return Err(AppError::field("category", "inbox_err_category"));
    };
    let mut tx = ctx.state.db.begin_write().await?;
    let mut marked = 0;
    for (id, key) in repo::unread_keys(&mut tx, user.account_id).await? {
        if category_of(&key) == category {
            marked += repo::mark_read(&mut tx, user.account_id, id, ctx.now_ms()).await?;
        }
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "inbox.read_category",
            "account",
            Some(user.account_id.to_string()),
        )
        .detail(category),
    )
    .await?;
    tx.commit().await?;
    Ok(i64::try_from(marked).unwrap_or(i64::MAX))
}

/// Switches the e-mail copy of one category; a mandatory category cannot be switched off.
pub async fn set_email(ctx: &RequestCtx, category: &str, on: bool) -> Result<(), AppError> {
    let user = ctx.require_signed_in()?;
    let Some(category) = known(category) else {
        return Err(AppError::field("category", "inbox_err_category"));
    };
    if is_mandatory(category) && !on {
        return Err(AppError::field("category", "inbox_err_mandatory"));
    }
    let mut tx = ctx.state.db.begin_write().await?;
    repo::set_pref(&mut tx, user.account_id, category, on, ctx.now_ms()).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "inbox.email_pref",
            "account",
            Some(user.account_id.to_string()),
        )
        .detail(if on { "on" } else { "off" }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
