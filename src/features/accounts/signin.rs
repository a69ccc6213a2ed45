//! Sign-in (throttled, constant-time for unknown addresses), the session it starts, and sign-out.
use crate::{
    core::{error::AppError, role::Role},
    features::accounts::{model::SessionUser, repo},
    server::{audit, authz::RequestCtx, error::internal, session, throttle},
};

pub async fn sign_in(
    ctx: &RequestCtx,
    email: &str,
    password: &str,
) -> Result<SessionUser, AppError> {
    let email = crate::core::validate::normalize_email(email)
        .unwrap_or_else(|_| email.trim().to_lowercase());
    let account_key = format!("signin:a:{}", crate::server::pii::token_hash(&email));
    let account_ip_key = format!("{account_key}:{}", ctx.ip_key());
    let ip_key = format!("signin:ip:{}", ctx.ip_key());
    // Every attempt is counted as a failure before the password is checked (one guarded write for all
    // three keys), so simultaneous guesses cannot all pass the check; a right password gives it back.
    let reserved = throttle::reserve(
        &ctx.state.db,
        &ctx.state.clock,
        &[
            (&account_ip_key, throttle::SIGN_IN_ACCOUNT_IP),
            (&account_key, throttle::SIGN_IN_ACCOUNT),
            (&ip_key, throttle::SIGN_IN_IP),
        ],
    )
    .await?;
    let row = repo::find_for_sign_in(&ctx.state.db, &email).await?;
    let hash = row.as_ref().map(|r| r.password_hash.clone());
    let password_ok = match repo::verify_password_for_request(password.to_owned(), hash).await {
        Ok(ok) => ok,
        // Busy: the attempt was never evaluated, so it does not count.
        Err(error) => {
            throttle::release(&ctx.state.db, &reserved).await?;
            return Err(error);
        }
    };
    let account = row.filter(|r| password_ok && r.disabled == 0);
    let Some(account) = account else {
        return Err(AppError::field("password", "err_sign_in_failed"));
    };
    // The owner's device starts afresh; the account and the address only get this attempt back.
    throttle::clear(&ctx.state.db, &account_ip_key).await?;
    throttle::release(&ctx.state.db, &reserved[1..]).await?;
    // The new session is written by the session layer after this function returns, outside any
    // transaction of ours; the audit row is written here, before the response.
    start_session(
        ctx,
        account.id,
        Role::parse(&account.role).is_some_and(Role::is_staff),
    )
    .await?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("account.sign_in", "account", Some(account.id.to_string()))
            .about(account.id),
    )
    .await?;
    repo::session_user(&ctx.state.db, account.id)
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// A new session id on every sign-in (no fixation), staff on the short idle timeout.
async fn start_session(ctx: &RequestCtx, account_id: i64, staff: bool) -> Result<(), AppError> {
    let session = ctx.session()?;
    session.cycle_id().await.map_err(internal)?;
    session.clear().await;
    session
        .insert(session::ACCOUNT_ID, account_id)
        .await
        .map_err(internal)?;
    session
        .insert(session::CREATED_AT_MS, ctx.now_ms())
        .await
        .map_err(internal)?;
    session
        .insert(session::IP, ctx.ip.clone())
        .await
        .map_err(internal)?;
    session
        .insert(session::USER_AGENT, ctx.user_agent.clone())
        .await
        .map_err(internal)?;
    session::apply_idle_limit(session, staff)
        .await
        .map_err(internal)
}

/// The audit row cannot share a transaction with the session's end: the session store deletes the row
/// through its own connection (tower-sessions' `flush`). The row is written first, so a sign-out is
/// never unrecorded.
pub async fn sign_out(ctx: &RequestCtx) -> Result<(), AppError> {
    if let Some(user) = &ctx.user {
        audit::record(
            &ctx.state.db.pool,
            ctx.audit(
                "account.sign_out",
                "account",
                Some(user.account_id.to_string()),
            ),
        )
        .await?;
    }
    ctx.session()?.flush().await.map_err(internal)
}

pub async fn sign_out_everywhere(ctx: &RequestCtx) -> Result<u64, AppError> {
    let user = ctx.require_signed_in()?;
    let mut tx = ctx.state.db.begin_write().await?;
    let ended = session::delete_all_for_account(&mut *tx, user.account_id).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "account.sign_out_everywhere",
            "account",
            Some(user.account_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    // This request's session object still holds the (now deleted) session: empty it so the response
    // clears the cookie instead of saving the session again.
    ctx.session()?.flush().await.map_err(internal)?;
    Ok(ended)
}
