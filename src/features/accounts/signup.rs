//! Seeker sign-up and e-mail verification, and the steps other sign-ups share (the address's limit, the
//! password hash, the unique-index answer, the verification mail).
use crate::{
    core::{
        calendar,
        error::{AppError, FieldErrors},
        i18n::fill,
        role::Role,
    },
    features::accounts::{
        model::{SeekerSignUp, ValidSeekerSignUp, sex_code},
        password::check_new_password,
        repo::{self, NewAccount, NewSeeker, NewToken},
    },
    server::{
        audit,
        authz::RequestCtx,
        error::{internal, violated_constraint},
        mail, throttle,
    },
};

pub const VERIFY_EMAIL_TTL_MS: i64 = 72 * 3_600_000;

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
    let valid = form.check(today).map_err(AppError::Validation)?;
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
