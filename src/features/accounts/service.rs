//! Sign-up, sign-in, passwords and e-mail verification: the rules that need the database.
use crate::{
    core::{
        calendar,
        error::{AppError, FieldErrors},
        i18n::fill,
        role::Role,
    },
    features::accounts::{
        model::{SeekerSignUp, SessionUser, ValidSeekerSignUp, check_password_length, sex_code},
        repo::{self, NewAccount, NewSeeker, NewToken},
    },
    server::{
        audit,
        authz::RequestCtx,
        error::{internal, violated_constraint},
        mail, session, throttle,
    },
};

const HOUR_MS: i64 = 3_600_000;
pub const VERIFY_EMAIL_TTL_MS: i64 = 72 * HOUR_MS;
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

/// Sign-ups per address: refused while the address is waiting out its back-off.
pub async fn check_sign_up_limit(ctx: &RequestCtx) -> Result<(), AppError> {
    throttle::check(&ctx.state.db, &ctx.state.clock, &sign_up_key(ctx)).await
}

fn sign_up_key(ctx: &RequestCtx) -> String {
    format!("signup:ip:{}", ctx.ip_key())
}

/// The shared last step before a sign-up writes: the password rules, the hash, and counting the sign-up
/// against the address.
pub async fn new_password_hash_for_sign_up(
    ctx: &RequestCtx,
    password: &str,
    email: &str,
) -> Result<String, AppError> {
    check_new_password(password, email)?;
    // Counted before the hash, in one guarded write: simultaneous sign-ups cannot all pass the check.
    let limit = throttle::Limit {
        free_failures: ctx.state.config.server.sign_ups_per_address,
        ..throttle::SIGN_UP_IP
    };
    let reserved = throttle::reserve(
        &ctx.state.db,
        &ctx.state.clock,
        &[(&sign_up_key(ctx), limit)],
    )
    .await?;
    let hashed = repo::hash_password_for_request(password.to_owned()).await;
    if hashed.is_err() {
        // Too busy to hash: the attempt is not held against the address.
        throttle::release(&ctx.state.db, &reserved).await?;
    }
    hashed
}

pub async fn sign_up_seeker(ctx: &RequestCtx, form: SeekerSignUp) -> Result<(), AppError> {
    check_sign_up_limit(ctx).await?;
    let today = calendar::wib_date(ctx.now_ms());
    let valid = form.validate(today).map_err(AppError::Validation)?;
    let password_hash = new_password_hash_for_sign_up(ctx, &valid.password, &valid.email).await?;
    let mut tx = ctx.state.db.begin_write().await?;
    let account_id = insert_seeker(ctx, &mut tx, &valid, &password_hash, "err_nik_taken").await?;
    send_verification(ctx, &mut tx, account_id, &valid.email, &valid.full_name).await?;
    audit::record(
        &mut *tx,
        ctx.audit("account.sign_up", "account", Some(account_id.to_string()))
            .about(account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Writes a new seeker (account, identity with the encrypted NIK, consents) in `tx`, after checking that
/// neither the NIK nor the e-mail address is taken (`nik_taken_key` says how to explain a taken NIK).
/// Shared by the online sign-up and the service counter. Returns the account id.
pub async fn insert_seeker(
    ctx: &RequestCtx,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    valid: &ValidSeekerSignUp,
    password_hash: &str,
    nik_taken_key: &str,
) -> Result<i64, AppError> {
    let nik_hash = ctx.state.pii.blind_index(&valid.nik);
    let nik_ciphertext = ctx.state.pii.encrypt(&valid.nik).map_err(internal)?;
    let now = ctx.now_ms();
    let mut taken = FieldErrors::new();
    if repo::nik_taken(&mut **tx, &nik_hash).await? {
        taken.add("nik", nik_taken_key);
    }
    if repo::email_taken(&mut **tx, &valid.email).await? {
        taken.add("email", "err_email_taken");
    }
    taken.into_result()?;
    let account = NewAccount {
        email: &valid.email,
        full_name: &valid.full_name,
        role: Role::Seeker,
        company_id: None,
        company_role: None,
        phone: Some(&valid.phone),
        password_hash,
        now_ms: now,
    };
    let account_id = repo::insert(&mut **tx, &account)
        .await
        .map_err(unique_to_field)?;
    let seeker = NewSeeker {
        account_id,
        nik_ciphertext: &nik_ciphertext,
        nik_hash: &nik_hash,
        place_of_birth: &valid.place_of_birth,
        date_of_birth: &calendar::format_date(valid.date_of_birth),
        sex: sex_code(valid.sex),
        now_ms: now,
    };
    repo::insert_seeker(&mut **tx, &seeker)
        .await
        .map_err(unique_to_field)?;
    for (purpose, granted) in valid.consents {
        repo::set_consent(&mut **tx, account_id, purpose, granted, now).await?;
    }
    Ok(account_id)
}

/// A race between the check and the insert ends here: the unique index answers, by name.
pub fn unique_to_field(error: sqlx::Error) -> AppError {
    match violated_constraint(&error).as_deref() {
        Some(name) if name.contains("email") => AppError::field("email", "err_email_taken"),
        Some(name) if name.contains("nik_hash") => AppError::field("nik", "err_nik_taken"),
        Some(name) if name.contains("nib") => AppError::field("nib", "err_nib_taken"),
        _ => AppError::from(error),
    }
}

/// Queues the verification link for an address.
pub async fn send_verification(
    ctx: &RequestCtx,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    account_id: i64,
    email: &str,
    name: &str,
) -> Result<(), AppError> {
    let now = ctx.now_ms();
    let token = NewToken {
        purpose: "verify_email",
        account_id: Some(account_id),
        company_id: None,
        email,
        expires_at_ms: now + VERIFY_EMAIL_TTL_MS,
        now_ms: now,
    };
    let token = repo::create_token(&mut **tx, &token).await?;
    let t = ctx.lang.strings();
    let link = format!(
        "{}/verifikasi-email?token={token}",
        ctx.state.config.server.public_url
    );
    let body = fill(t.mail_verify_body, &[("name", name), ("link", &link)]);
    mail::enqueue(&mut **tx, now, email, t.mail_verify_subject, &body).await?;
    Ok(())
}

pub async fn verify_email(ctx: &RequestCtx, token: &str) -> Result<(), AppError> {
    let mut tx = ctx.state.db.begin_write().await?;
    let row = repo::consume_token(&mut tx, token, "verify_email", ctx.now_ms())
        .await?
        .ok_or(AppError::Conflict("err_link_invalid".into()))?;
    let account_id = row
        .account_id
        .ok_or_else(|| internal("verification token without account"))?;
    repo::mark_email_verified(&mut *tx, account_id, ctx.now_ms()).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "account.verify_email",
            "account",
            Some(account_id.to_string()),
        )
        .about(account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

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
#[allow(clippy::too_many_arguments)]
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

pub async fn resend_verification(ctx: &RequestCtx) -> Result<(), AppError> {
    let user = ctx.require_signed_in()?.clone();
    if user.email_verified {
        return Ok(());
    }
    let key = format!("verify:a:{}", user.account_id);
    throttle::reserve(&ctx.state.db, &ctx.state.clock, &[(&key, throttle::RESET)]).await?;
    let mut tx = ctx.state.db.begin_write().await?;
    send_verification(ctx, &mut tx, user.account_id, &user.email, &user.full_name).await?;
    tx.commit().await?;
    Ok(())
}
