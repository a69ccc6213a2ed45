//! The company's side: sign-up (the signing-up person becomes the company admin), the company page,
//! and staff (invitations, accepting one, removal).
use crate::{
    core::{
        error::{AppError, FieldErrors},
        i18n::fill,
        role::Role,
    },
    features::{
        accounts::{
            model::{check_password_length, normalize_full_name},
            service::{
                self as accounts, NewAccount, NewToken, check_new_password, check_sign_up_limit,
                new_password_hash_for_sign_up, send_verification, unique_to_field,
            },
        },
        companies::model::{AcceptInvitation, CompanySignUp, MyCompany, StaffMember},
    },
    server::{audit, authz::RequestCtx, error::internal, mail, throttle},
};

const INVITE_TTL_MS: i64 = 7 * 24 * 3_600_000;

/// Invitations per company: each one mails an address the company chose, so a few dozen a day, then a
/// growing wait (the portal must not become a free mailer).
const INVITES_PER_COMPANY: throttle::Limit = throttle::Limit {
    free_failures: 20,
    first_delay_ms: 60_000,
    max_delay_ms: 3_600_000,
    window_ms: 24 * 3_600_000,
};

pub async fn sign_up(ctx: &RequestCtx, form: CompanySignUp) -> Result<(), AppError> {
    check_sign_up_limit(ctx).await?;
    let valid = form.check().map_err(AppError::Validation)?;
    let password_hash = new_password_hash_for_sign_up(ctx, &valid.password, &valid.email).await?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;

    let mut errors = FieldErrors::new();
    let section: Option<(String,)> =
        sqlx::query_as("SELECT section_code FROM kbli_divisions WHERE code = $1")
            .bind(&valid.kbli_division)
            .fetch_optional(&mut *tx)
            .await?;
    if section.is_none() {
        errors.add("kbli_division", "err_kbli");
    }
    if let Some(district) = &valid.district_code {
        let known: Option<(String,)> =
            sqlx::query_as("SELECT code FROM regions WHERE code = $1 AND level = 'district'")
                .bind(district)
                .fetch_optional(&mut *tx)
                .await?;
        if known.is_none() {
            errors.add("district_code", "err_district");
        }
    }
    let nib_taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM companies WHERE nib = $1")
        .bind(&valid.nib)
        .fetch_optional(&mut *tx)
        .await?;
    if nib_taken.is_some() {
        errors.add("nib", "err_nib_taken");
    }
    if accounts::email_taken(&mut *tx, &valid.email).await? {
        errors.add("email", "err_email_taken");
    }
    errors.into_result()?;
    let Some((section,)) = section else {
        return Err(AppError::NotFound);
    };

    let (company_id,): (i64,) = sqlx::query_as(
        "INSERT INTO companies (name, nib, npwp, kbli_section, kbli_division, district_code, address, address_elsewhere, \
         size_band, contact_name, contact_email, verified, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12) RETURNING id",
    )
    .bind(&valid.company_name)
    .bind(&valid.nib)
    .bind(&valid.npwp)
    .bind(&section)
    .bind(&valid.kbli_division)
    .bind(&valid.district_code)
    .bind(&valid.address)
    .bind(&valid.address_elsewhere)
    .bind(&valid.size_band)
    .bind(&valid.contact_name)
    .bind(&valid.email)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(unique_to_field)?;
    let account = NewAccount {
        email: &valid.email,
        full_name: &valid.contact_name,
        role: Role::Company,
        company_id: Some(company_id),
        company_role: Some("admin"),
        phone: Some(&valid.phone),
        password_hash: &password_hash,
        now_ms: now,
    };
    let account_id = accounts::insert_account(&mut *tx, &account)
        .await
        .map_err(unique_to_field)?;
    send_verification(ctx, &mut tx, account_id, &valid.email, &valid.contact_name).await?;
    audit::record(
        &mut *tx,
        ctx.audit("company.sign_up", "company", Some(company_id.to_string()))
            .about(account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
pub async fn my_company(ctx: &RequestCtx) -> Result<MyCompany, AppError> {
    let user = ctx.require(Role::Company)?;
    let company_id = user.company_id.ok_or(AppError::Forbidden)?;
    let (name, verified, rejection_reason): (String, i64, Option<String>) =
        sqlx::query_as("SELECT name, verified, rejection_reason FROM companies WHERE id = $1")
            .bind(company_id)
            .fetch_one(&ctx.state.db.pool)
            .await?;
    let mut staff: Vec<StaffMember> = sqlx::query_as::<_, (i64, String, String, Option<String>)>(
        "SELECT id, full_name, email, company_role FROM accounts WHERE company_id = $1 AND disabled = 0 ORDER BY id",
    )
    .bind(company_id)
    .fetch_all(&ctx.state.db.pool)
    .await?
    .into_iter()
    .map(|(id, full_name, email, role)| StaffMember {
        account_id: Some(id),
        full_name,
        email,
        company_admin: role.as_deref() == Some("admin"),
        pending: false,
    })
    .collect();
    let invitations: Vec<(String,)> = sqlx::query_as(
        "SELECT email FROM tokens WHERE company_id = $1 AND purpose = 'invite' AND used_at_ms IS NULL AND expires_at_ms > $2 ORDER BY id",
    )
    .bind(company_id)
    .bind(ctx.now_ms())
    .fetch_all(&ctx.state.db.pool)
    .await?;
    staff.extend(invitations.into_iter().map(|(email,)| StaffMember {
        account_id: None,
        full_name: String::new(),
        email,
        company_admin: false,
        pending: true,
    }));
    Ok(MyCompany {
        id: company_id,
        name,
        verified: verified != 0,
        rejection_reason,
        staff,
        is_admin: user.company_admin,
    })
}

pub async fn invite_staff(ctx: &RequestCtx, email: &str) -> Result<(), AppError> {
    let (admin, company_id) = ctx.require_company_admin()?;
    let email = crate::core::validate::normalize_email(email)
        .map_err(|key| AppError::field("email", key))?;
    // Only a company an officer has checked may send mail in the portal's name.
    let (company_name, verified): (String, i64) =
        sqlx::query_as("SELECT name, verified FROM companies WHERE id = $1")
            .bind(company_id)
            .fetch_one(&ctx.state.db.pool)
            .await?;
    if verified == 0 {
        return Err(AppError::Conflict("err_invite_unverified".into()));
    }
    throttle::reserve(
        &ctx.state.db,
        &ctx.state.clock,
        &[(&format!("invite:c:{company_id}"), INVITES_PER_COMPANY)],
    )
    .await?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    if accounts::email_taken(&mut *tx, &email).await? {
        let mut errors = FieldErrors::new();
        errors.add("email", "err_email_taken");
        return Err(AppError::Validation(errors));
    }
    let token = NewToken {
        purpose: "invite",
        account_id: None,
        company_id: Some(company_id),
        email: &email,
        expires_at_ms: now + INVITE_TTL_MS,
        now_ms: now,
    };
    let token = accounts::create_token(&mut *tx, &token).await?;
    let t = ctx.lang.strings();
    let link = format!(
        "{}/undangan?token={token}",
        ctx.state.config.server.public_url
    );
    let body = fill(
        t.mail_invite_body,
        &[
            ("inviter", &admin.full_name),
            ("company", &company_name),
            ("link", &link),
        ],
    );
    mail::enqueue(&mut *tx, now, &email, t.mail_invite_subject, &body).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "company.invite_staff",
            "company",
            Some(company_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn accept_invitation(ctx: &RequestCtx, form: AcceptInvitation) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let name = normalize_full_name(&form.full_name)
        .map_err(|k| errors.add("full_name", k))
        .ok();
    if let Err(k) = check_password_length(&form.password) {
        errors.add("password", k);
    }
    errors.clone().into_result()?;
    let Some(name) = name else {
        return Err(AppError::Validation(errors));
    };
    // Anyone with the link's address may post here: the link is checked before the costly hash (a
    // made-up one must not hold an Argon2 slot), and the hash runs under the Argon2 cap.
    if !accounts::token_is_live(&ctx.state.db, &form.token, "invite", ctx.now_ms()).await? {
        return Err(AppError::Conflict("err_link_invalid".into()));
    }
    let hash = accounts::hash_password_for_request(form.password.clone()).await?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let token = accounts::consume_token(&mut tx, &form.token, "invite", now)
        .await?
        .ok_or(AppError::Conflict("err_link_invalid".into()))?;
    check_new_password(&form.password, &token.email)?;
    let company_id = token
        .company_id
        .ok_or_else(|| internal("invitation without company"))?;
    let account = NewAccount {
        email: &token.email,
        full_name: &name,
        role: Role::Company,
        company_id: Some(company_id),
        company_role: Some("staff"),
        phone: None,
        password_hash: &hash,
        now_ms: now,
    };
    let account_id = accounts::insert_account(&mut *tx, &account)
        .await
        .map_err(unique_to_field)?;
    // The invitation link reached this address, so it is verified.
    accounts::mark_email_verified(&mut *tx, account_id, now).await?;
    audit::record(
        &mut *tx,
        ctx.audit("company.join", "company", Some(company_id.to_string()))
            .about(account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_staff(ctx: &RequestCtx, account_id: i64) -> Result<(), AppError> {
    let (admin, company_id) = ctx.require_company_admin()?;
    if admin.account_id == account_id {
        return Err(AppError::Conflict("err_cannot_remove_self".into()));
    }
    let mut tx = ctx.state.db.begin_write().await?;
    // Removal disables the account (its history stays attributable) and ends its sessions.
    let updated = sqlx::query(
        "UPDATE accounts SET disabled = 1 WHERE id = $1 AND company_id = $2 AND disabled = 0",
    )
    .bind(account_id)
    .bind(company_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "company.remove_staff",
            "account",
            Some(account_id.to_string()),
        )
        .about(account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
