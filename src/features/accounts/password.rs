//! Passwords: the rules for a new one, changing it, and the single-use link that sets it (reset, a new
//! staff member's first password).
use crate::{
    core::{error::AppError, i18n::fill},
    features::accounts::{
        model::check_password_length,
        repo::{self, NewToken},
    },
    server::{audit, authz::RequestCtx, error::internal, mail, session, throttle},
};

const HOUR_MS: i64 = 3_600_000;
pub const RESET_TTL_MS: i64 = HOUR_MS;

/// Length, then the common-password list, then not the e-mail address itself.
pub fn check_new_password(password: &str, email: &str) -> Result<(), AppError> {
    new_password_problem(password, email).map_err(|key| AppError::field("password", key))
}

/// The rules of [`check_new_password`] as a translation key, for callers outside a request
/// (`dnaker create-admin`).
pub fn new_password_problem(password: &str, email: &str) -> Result<(), &'static str> {
    check_password_length(password)?;
    if repo::is_common_password(password) || password.eq_ignore_ascii_case(email) {
        return Err("err_password_common");
    }
    Ok(())
}

pub async fn change_password(ctx: &RequestCtx, current: &str, new: &str) -> Result<(), AppError> {
    let user = ctx.require_signed_in()?;
    let stored = repo::password_hash(&ctx.state.db, user.account_id).await?;
    if !repo::verify_password_for_request(current.to_owned(), stored).await? {
        return Err(AppError::field("current_password", "err_password_wrong"));
    }
    check_new_password(new, &user.email)?;
    let hash = repo::hash_password_for_request(new.to_owned()).await?;
    // Other devices that knew the old password must sign in again; this one continues.
    let current_id = ctx
        .session()?
        .id()
        .map(|id| id.to_string())
        .unwrap_or_default();
    let mut tx = ctx.state.db.begin_write().await?;
    repo::set_password(&mut *tx, user.account_id, &hash).await?;
    repo::retire_tokens(&mut *tx, user.account_id, "reset_password", ctx.now_ms()).await?;
    session::delete_others_for_account(&mut *tx, user.account_id, &current_id).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "account.change_password",
            "account",
            Some(user.account_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Queues a single-use link to `/atur-sandi` (password reset, or a new staff member's first password).
/// `template` gets `{link}` plus the given values.
#[expect(clippy::too_many_arguments)]
pub async fn send_password_link(
    ctx: &RequestCtx,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    account_id: i64,
    email: &str,
    ttl_ms: i64,
    subject: &str,
    template: &str,
    values: &[(&str, &str)],
) -> Result<(), AppError> {
    let now = ctx.now_ms();
    let token = NewToken {
        purpose: "reset_password",
        account_id: Some(account_id),
        company_id: None,
        email,
        expires_at_ms: now + ttl_ms,
        now_ms: now,
    };
    let token = repo::create_token(&mut **tx, &token).await?;
    let link = format!(
        "{}/atur-sandi?token={token}",
        ctx.state.config.server.public_url
    );
    let mut values = values.to_vec();
    values.push(("link", &link));
    mail::enqueue(&mut **tx, now, email, subject, &fill(template, &values)).await?;
    Ok(())
}

/// Always answers the same, whether or not the address has an account (no account discovery).
pub async fn request_password_reset(ctx: &RequestCtx, email: &str) -> Result<(), AppError> {
    let Ok(email) = crate::core::validate::normalize_email(email) else {
        return Err(AppError::field("email", "err_email"));
    };
    let ip_key = format!("reset:ip:{}", ctx.ip_key());
    let account_key = format!("reset:a:{}", crate::server::pii::token_hash(&email));
    throttle::reserve(
        &ctx.state.db,
        &ctx.state.clock,
        &[(&ip_key, throttle::RESET), (&account_key, throttle::RESET)],
    )
    .await?;
    let Some(account) = repo::find_for_sign_in(&ctx.state.db, &email)
        .await?
        .filter(|a| a.disabled == 0)
    else {
        return Ok(());
    };
    let mut tx = ctx.state.db.begin_write().await?;
    let t = ctx.lang.strings();
    send_password_link(
        ctx,
        &mut tx,
        account.id,
        &email,
        RESET_TTL_MS,
        t.mail_reset_subject,
        t.mail_reset_body,
        &[],
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "account.request_reset",
            "account",
            Some(account.id.to_string()),
        )
        .about(account.id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn reset_password(ctx: &RequestCtx, token: &str, new: &str) -> Result<(), AppError> {
    check_password_length(new).map_err(|key| AppError::field("password", key))?;
    if !repo::token_is_live(&ctx.state.db, token, "reset_password", ctx.now_ms()).await? {
        return Err(AppError::Conflict("err_link_invalid".into()));
    }
    let hash = repo::hash_password_for_request(new.to_owned()).await?;
    let mut tx = ctx.state.db.begin_write().await?;
    let row = repo::consume_token(&mut tx, token, "reset_password", ctx.now_ms())
        .await?
        .ok_or(AppError::Conflict("err_link_invalid".into()))?;
    check_new_password(new, &row.email)?;
    let account_id = row
        .account_id
        .ok_or_else(|| internal("reset token without account"))?;
    repo::set_password(&mut *tx, account_id, &hash).await?;
    // Any other link sent before is spent with this one.
    repo::retire_tokens(&mut *tx, account_id, "reset_password", ctx.now_ms()).await?;
    // The link proved the address, so it is verified too.
    repo::mark_email_verified(&mut *tx, account_id, ctx.now_ms()).await?;
    // Whoever knew the old password is signed out with it.
    session::delete_all_for_account(&mut *tx, account_id).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "account.reset_password",
            "account",
            Some(account_id.to_string()),
        )
        .about(account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
