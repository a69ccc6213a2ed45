//! Counter (assisted) service: at a service-counter tablet an officer registers a person, or opens an
//! existing seeker by NIK, with the person's consent recorded. The consent lets that officer work on the
//! person's profile and AK-1 until the end of the WIB day (`seeker::subject` checks it).
use crate::{
    core::{calendar, error::AppError},
    features::{
        accounts::{
            model::SeekerSignUp,
            service::{self, insert_seeker, send_password_link},
        },
        ak1::repo as ak1_repo,
    },
    server::{audit, authz::RequestCtx, error::internal},
};

/// How long the e-mailed link to set a password stays valid (the person may not read mail today).
const PASSWORD_LINK_TTL_MS: i64 = 7 * 24 * 3_600_000;

fn require_consent(consent: bool) -> Result<(), AppError> {
    if consent {
        Ok(())
    } else {
        Err(AppError::field("consent", "err_counter_consent"))
    }
}

async fn record_consent(
    ctx: &RequestCtx,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    officer_id: i64,
    seeker_id: i64,
) -> Result<(), AppError> {
    let now = ctx.now_ms();
    ak1_repo::insert_consent(
        &mut **tx,
        seeker_id,
        officer_id,
        now,
        calendar::end_of_wib_day_ms(now),
    )
    .await?;
    audit::record(
        &mut **tx,
        ctx.audit("counter.consent", "account", Some(seeker_id.to_string()))
            .about(seeker_id),
    )
    .await?;
    Ok(())
}

/// Registers a person who has no account. They get an e-mail to set their own password; the officer never
/// learns it. Returns the new account's id.
pub async fn register(
    ctx: &RequestCtx,
    form: SeekerSignUp,
    consent: bool,
) -> Result<i64, AppError> {
    let officer = ctx.require_staff()?.clone();
    let today = calendar::wib_date(ctx.now_ms());
    let valid = form.validate_identity(today);
    let valid = match (valid, consent) {
        (Ok(valid), true) => valid,
        (result, consent) => {
            let mut errors = result.err().unwrap_or_default();
            if !consent {
                errors.add("consent", "err_counter_consent");
            }
            return Err(AppError::Validation(errors));
        }
    };
    // An unusable hash: nobody can sign in until the person sets a password from the link.
    let placeholder = service::hash_password(crate::server::pii::new_token())
        .await
        .map_err(internal)?;
    let mut tx = ctx.state.db.begin_write().await?;
    let seeker_id =
        insert_seeker(ctx, &mut tx, &valid, &placeholder, "err_nik_taken_counter").await?;
    let t = ctx.lang.strings();
    send_password_link(
        ctx,
        &mut tx,
        seeker_id,
        &valid.email,
        PASSWORD_LINK_TTL_MS,
        t.mail_counter_subject,
        t.mail_counter_body,
        &[("name", &valid.full_name)],
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "account.counter_sign_up",
            "account",
            Some(seeker_id.to_string()),
        )
        .about(seeker_id),
    )
    .await?;
    record_consent(ctx, &mut tx, officer.account_id, seeker_id).await?;
    tx.commit().await?;
    Ok(seeker_id)
}

/// Opens an existing seeker's profile at the counter by NIK. Returns the account id.
pub async fn open_by_nik(ctx: &RequestCtx, nik: &str, consent: bool) -> Result<i64, AppError> {
    let officer = ctx.require_staff()?.clone();
    let nik: String = nik.chars().filter(|c| !c.is_whitespace()).collect();
    if let Err(error) = crate::core::validate::parse_nik(&nik) {
        return Err(AppError::field("nik", error.message_key()));
    }
    require_consent(consent)?;
    let found =
        ak1_repo::seeker_by_nik_hash(&ctx.state.db.pool, &ctx.state.pii.blind_index(&nik)).await?;
    let seeker_id = found.ok_or_else(|| AppError::field("nik", "err_nik_unknown"))?;
    let mut tx = ctx.state.db.begin_write().await?;
    record_consent(ctx, &mut tx, officer.account_id, seeker_id).await?;
    tx.commit().await?;
    Ok(seeker_id)
}
