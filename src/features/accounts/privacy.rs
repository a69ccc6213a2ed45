//! UU 27/2022: one's own data, consents, who read it, corrections; staff reads are audited.
use serde_json::json;

use crate::core::text::normalize_text;
use crate::{
    core::{
        error::{AppError, FieldErrors},
        role::Role,
    },
    features::accounts::{
        correction::{CORRECTABLE_FIELDS, CorrectionValue},
        model::{
            CONSENT_PURPOSES, ConsentView, DataAccessView, MyAccount, SeekerIdentity, SessionView,
            mask_nik,
        },
        repo, staff_reads,
    },
    server::{
        audit,
        authz::RequestCtx,
        db::Db,
        error::internal,
        pii::{PiiCipher, token_hash},
    },
};

pub async fn my_account(ctx: &RequestCtx) -> Result<MyAccount, AppError> {
    let user = ctx.require_signed_in()?.clone();
    let seeker_row = repo::seeker(&ctx.state.db, user.account_id).await?;
    // A job seeker's row carries the phone already (one query fewer on the most-read page of the portal).
    let phone = match &seeker_row {
        Some(row) => row.phone.clone(),
        None => {
            let phone: Option<(Option<String>,)> =
                sqlx::query_as("SELECT phone FROM accounts WHERE id = $1")
                    .bind(user.account_id)
                    .fetch_optional(&ctx.state.db.pool)
                    .await?;
            phone.and_then(|p| p.0)
        }
    };
    let seeker = match seeker_row {
        Some(row) => Some(SeekerIdentity {
            nik_masked: mask_nik(
                &ctx.state
                    .pii
                    .decrypt(&row.nik_ciphertext)
                    .map_err(internal)?,
            ),
            place_of_birth: row.place_of_birth,
            date_of_birth: row.date_of_birth,
            sex: row.sex,
        }),
        None => None,
    };
    let stored = repo::consents(&ctx.state.db, user.account_id).await?;
    let consents = if user.role == Role::Seeker {
        CONSENT_PURPOSES
            .iter()
            .map(|purpose| {
                let found = stored.iter().find(|(p, ..)| p == purpose);
                ConsentView {
                    purpose: (*purpose).to_owned(),
                    granted: found.is_some_and(|c| c.1),
                    changed_at_ms: found.map(|c| c.2),
                }
            })
            .collect()
    } else {
        vec![]
    };
    let current = ctx
        .session
        .as_ref()
        .and_then(tower_sessions::Session::id)
        .map(|id| id.to_string());
    let sessions = repo::sessions_of(&ctx.state.db, user.account_id, ctx.now_ms())
        .await?
        .into_iter()
        .map(|row| SessionView {
            handle: token_hash(&row.id)[..16].to_owned(),
            current: current.as_deref() == Some(row.id.as_str()),
            created_at_ms: row.created_at_ms,
            last_seen_ms: row.last_seen_ms,
            ip: row.ip,
            user_agent: row.user_agent,
        })
        .collect();
    Ok(MyAccount {
        user,
        phone,
        seeker,
        consents,
        sessions,
    })
}

pub async fn set_consent(ctx: &RequestCtx, purpose: &str, granted: bool) -> Result<(), AppError> {
    let user = ctx.require(Role::Seeker)?;
    if !CONSENT_PURPOSES.contains(&purpose) {
        return Err(AppError::NotFound);
    }
    let mut tx = ctx.state.db.begin_write().await?;
    repo::set_consent(&mut *tx, user.account_id, purpose, granted, ctx.now_ms()).await?;
    let action = if granted {
        "consent.grant"
    } else {
        "consent.revoke"
    };
    audit::record(
        &mut *tx,
        ctx.audit(action, "consent", Some(purpose.to_owned()))
            .about(user.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends one of the signed-in person's sessions by its handle.
pub async fn end_session(ctx: &RequestCtx, handle: &str) -> Result<(), AppError> {
    let user = ctx.require_signed_in()?;
    let rows = repo::sessions_of(&ctx.state.db, user.account_id, ctx.now_ms()).await?;
    let Some(row) = rows
        .into_iter()
        .find(|row| token_hash(&row.id).starts_with(handle) && handle.len() == 16)
    else {
        return Err(AppError::NotFound);
    };
    let mut tx = ctx.state.db.begin_write().await?;
    sqlx::query("DELETE FROM sessions WHERE id = $1 AND account_id = $2")
        .bind(&row.id)
        .bind(user.account_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "account.end_session",
            "account",
            Some(user.account_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Everything the portal holds about the signed-in person, as JSON (the NIK in full: it is theirs).
pub async fn export_my_data(ctx: &RequestCtx) -> Result<serde_json::Value, AppError> {
    let user = ctx.require_signed_in()?.clone();
    let seeker = match repo::seeker(&ctx.state.db, user.account_id).await? {
        Some(row) => json!({
            "nik": ctx.state.pii.decrypt(&row.nik_ciphertext).map_err(internal)?,
            "place_of_birth": row.place_of_birth,
            "date_of_birth": row.date_of_birth,
            "sex": row.sex,
        }),
        None => serde_json::Value::Null,
    };
    let consents: Vec<_> = repo::consents(&ctx.state.db, user.account_id)
        .await?
        .into_iter()
        .map(|(purpose, granted, at)| json!({ "purpose": purpose, "granted": granted, "changed_at_ms": at }))
        .collect();
    let access = data_access(ctx, user.account_id).await?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit(
            "account.export",
            "account",
            Some(user.account_id.to_string()),
        )
        .about(user.account_id),
    )
    .await?;
    Ok(json!({
        "account": { "id": user.account_id, "full_name": user.full_name, "email": user.email, "role": user.role, "company_id": user.company_id },
        "seeker": seeker,
        "consents": consents,
        "staff_reads_of_my_data": access,
        "exported_at_ms": ctx.now_ms(),
    }))
}

/// Staff reads and changes of this person's record (their own actions are not listed).
pub async fn data_access(
    ctx: &RequestCtx,
    account_id: i64,
) -> Result<Vec<DataAccessView>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        at_ms: i64,
        full_name: Option<String>,
        actor_role: Option<String>,
        action: String,
        detail: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT l.at_ms, a.full_name, l.actor_role, l.action, l.detail FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_account_id \
         WHERE l.subject_account_id = $1 AND l.actor_role IN ('officer', 'admin') ORDER BY l.at_ms DESC, l.id DESC LIMIT 200",
    )
    .bind(account_id)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (basis, reason) = staff_reads::shown_basis(&row.action, &row.detail);
            DataAccessView {
                at_ms: row.at_ms,
                actor_name: row.full_name.unwrap_or_default(),
                actor_role: row.actor_role.unwrap_or_default(),
                action: row.action,
                basis,
                reason,
            }
        })
        .collect())
}

pub async fn my_data_access(ctx: &RequestCtx) -> Result<Vec<DataAccessView>, AppError> {
    let account_id = ctx.require_signed_in()?.account_id;
    data_access(ctx, account_id).await
}

/// Files a correction request. The value is checked for its field now (a NIK's shape, a real date), so the
/// officer's queue holds only values that could be applied; whether they agree with the rest of the record
/// is decided when the officer accepts.
pub async fn request_correction(
    ctx: &RequestCtx,
    field: &str,
    value: &str,
    reason: &str,
) -> Result<(), AppError> {
    let user = ctx.require_signed_in()?;
    let mut errors = FieldErrors::new();
    let value = if CORRECTABLE_FIELDS.contains(&field) {
        CorrectionValue::parse(field, value)
            .map_err(|k| errors.add("value", k))
            .ok()
    } else {
        errors.add("field", "err_correction_field");
        None
    };
    let reason = normalize_text(reason, 5, 1000)
        .map_err(|k| errors.add("reason", k))
        .ok();
    errors.clone().into_result()?;
    let (Some(value), Some(reason)) = (value, reason) else {
        return Err(AppError::Validation(errors));
    };
    let value = value.canonical();
    let (shown, ciphertext) = protect_requested_value(&ctx.state.pii, field, value)?;
    let mut tx = ctx.state.db.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO correction_requests (account_id, field, requested_value, requested_value_ciphertext, reason, status, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, 'open', $6) RETURNING id",
    )
    .bind(user.account_id)
    .bind(field)
    .bind(shown)
    .bind(ciphertext)
    .bind(reason)
    .bind(ctx.now_ms())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "correction.request",
            "correction_request",
            Some(id.to_string()),
        )
        .about(user.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a correction request stores for a requested value: a NIK is kept encrypted, with only its
/// masked form in clear; other fields are stored as typed.
fn protect_requested_value(
    pii: &PiiCipher,
    field: &str,
    value: String,
) -> Result<(String, Option<String>), AppError> {
    if field != "nik" {
        return Ok((value, None));
    }
    let ciphertext = pii.encrypt(&value).map_err(internal)?;
    Ok((mask_nik(&value), Some(ciphertext)))
}

/// The requested value as an officer sees it: a NIK decrypted in full.
pub fn requested_value_for_officer(
    pii: &PiiCipher,
    shown: String,
    ciphertext: Option<&str>,
) -> Result<String, AppError> {
    match ciphertext {
        Some(ciphertext) => pii.decrypt(ciphertext).map_err(internal),
        None => Ok(shown),
    }
}

/// Encrypts NIK correction values written in clear before the ciphertext column existed. Run after the
/// migrations at start-up; a no-op once done.
pub async fn encrypt_plain_nik_corrections(db: &Db, pii: &PiiCipher) -> Result<u64, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, requested_value FROM correction_requests \
         WHERE field = 'nik' AND requested_value_ciphertext IS NULL",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut tx = db.begin_write().await?;
    for (id, value) in &rows {
        let (shown, ciphertext) = protect_requested_value(pii, "nik", value.clone())?;
        sqlx::query(
            "UPDATE correction_requests SET requested_value = $1, requested_value_ciphertext = $2 WHERE id = $3",
        )
        .bind(shown)
        .bind(ciphertext)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(rows.len() as u64)
}
