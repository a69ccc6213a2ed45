//! Officers' correction-request queue (UU 27/2022 Pasal 30): oldest first with its 3×24-hour deadline, and
//! resolving a request, which applies an accepted correction to the person's record, tells them the outcome
//! and writes the audit row, all in one transaction.
use sqlx::{Any, FromRow, Transaction};

use crate::core::text::normalize_text;
use crate::{
    core::{
        calendar::{format_date, parse_date},
        error::AppError,
        validate::{NikError, check_nik},
    },
    features::{
        accounts::{
            model::{MIN_SIGN_UP_AGE, age_on, parse_sex, sex_code},
            service::{CorrectionValue, correction_due_ms, requested_value_for_officer},
        },
        admin::model::CorrectionRequest,
    },
    server::{
        audit,
        authz::RequestCtx,
        error::{internal, violated_constraint},
        notify, review,
    },
};

#[derive(FromRow)]
struct QueueRow {
    id: i64,
    account_id: i64,
    account_name: String,
    field: String,
    requested_value: String,
    requested_value_ciphertext: Option<String>,
    reason: String,
    created_at_ms: i64,
    nik_ciphertext: Option<String>,
    place_of_birth: Option<String>,
    date_of_birth: Option<String>,
    sex: Option<String>,
}

/// The open requests, oldest (most urgent) first, each with the value recorded now.
pub async fn open_corrections(ctx: &RequestCtx) -> Result<Vec<CorrectionRequest>, AppError> {
    ctx.require_staff()?;
    let rows: Vec<QueueRow> = sqlx::query_as(
        "SELECT r.id, r.account_id, a.full_name AS account_name, r.field, r.requested_value, r.requested_value_ciphertext, \
         r.reason, r.created_at_ms, s.nik_ciphertext, s.place_of_birth, s.date_of_birth, s.sex \
         FROM correction_requests r JOIN accounts a ON a.id = r.account_id LEFT JOIN seekers s ON s.account_id = r.account_id \
         WHERE r.status = 'open' ORDER BY r.created_at_ms, r.id",
    )
    .fetch_all(&ctx.state.db.pool)
    .await?;
    let now = ctx.now_ms();
    let requests = rows
        .into_iter()
        .map(|row| {
            let current_value = match row.field.as_str() {
                "full_name" => Some(row.account_name.clone()),
                "place_of_birth" => row.place_of_birth,
                "date_of_birth" => row.date_of_birth,
                "sex" => row.sex,
                "nik" => row
                    .nik_ciphertext
                    .map(|c| ctx.state.pii.decrypt(&c).map_err(internal))
                    .transpose()?,
                _ => None,
            };
            let requested_value = requested_value_for_officer(
                &ctx.state.pii,
                row.requested_value,
                row.requested_value_ciphertext.as_deref(),
            )?;
            let due_at_ms = correction_due_ms(row.created_at_ms);
            Ok(CorrectionRequest {
                id: row.id,
                account_id: row.account_id,
                account_name: row.account_name,
                field: row.field,
                current_value,
                requested_value,
                reason: row.reason,
                created_at_ms: row.created_at_ms,
                due_at_ms,
                overdue: now > due_at_ms,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    audit_correction_reads(ctx, &requests).await?;
    Ok(requests)
}

/// Each open request shows one person's name and the value they asked for (a NIK, a date of birth):
/// one row per request, about its person, all written before the queue is shown.
async fn audit_correction_reads(
    ctx: &RequestCtx,
    requests: &[CorrectionRequest],
) -> Result<(), AppError> {
    let mut tx = ctx.state.db.begin_write().await?;
    audit::record(
        &mut *tx,
        ctx.audit("correction.list", "correction_request", None),
    )
    .await?;
    for request in requests {
        audit::record(
            &mut *tx,
            ctx.audit(
                "correction.read",
                "correction_request",
                Some(request.id.to_string()),
            )
            .about(request.account_id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[derive(FromRow)]
struct OpenRequest {
    account_id: i64,
    field: String,
    requested_value: String,
    requested_value_ciphertext: Option<String>,
    email: String,
}

/// Accepts (applies) or refuses an open request. Refusing needs a reason of at least 5 characters; accepting
/// may carry a note. A correction that cannot be applied (a NIK held by another account, a birth date or sex
/// the NIK contradicts) is a `Conflict` with its message, and nothing is written.
pub async fn resolve_correction(
    ctx: &RequestCtx,
    id: i64,
    accepted: bool,
    response: &str,
) -> Result<(), AppError> {
    let officer = ctx.require_staff()?.clone();
    let response = if accepted && response.trim().is_empty() {
        String::new()
    } else {
        let min = if accepted { 2 } else { 5 };
        normalize_text(response, min, 1000)
            .map_err(|_| AppError::field("response", "err_correction_response"))?
    };
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let request: Option<OpenRequest> = sqlx::query_as(
        "SELECT r.account_id, r.field, r.requested_value, r.requested_value_ciphertext, a.email \
         FROM correction_requests r JOIN accounts a ON a.id = r.account_id WHERE r.id = $1 AND r.status = 'open'",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(request) = request else {
        return Err(not_open(&mut tx, id).await);
    };
    // Claimed first, guarded by `status = 'open'`: of two officers resolving at once (both read it open on
    // PostgreSQL), the second waits for the first's row lock, changes nothing and is told so.
    review::claim(
        &mut tx,
        sqlx::query(
            "UPDATE correction_requests SET status = $1, response = $2, handled_by = $3, handled_at_ms = $4 \
             WHERE id = $5 AND status = 'open'",
        )
        .bind(if accepted { "done" } else { "rejected" })
        .bind(&response)
        .bind(officer.account_id)
        .bind(now)
        .bind(id),
    )
    .await?;
    if accepted {
        let value = requested_value_for_officer(
            &ctx.state.pii,
            request.requested_value,
            request.requested_value_ciphertext.as_deref(),
        )?;
        let value = CorrectionValue::parse(&request.field, &value)
            .map_err(|key| AppError::Conflict(key.to_owned()))?;
        apply(ctx, &mut tx, request.account_id, &value).await?;
    }
    let notice = notify::Notice {
        account_id: request.account_id,
        message_key: if accepted {
            "notice_correction_accepted"
        } else {
            "notice_correction_refused"
        },
        subject: if response.is_empty() { "-" } else { &response },
        link: Some("/akun".to_owned()),
        now_ms: now,
        email: Some(notify::Email {
            to: &request.email,
            public_url: &ctx.state.config.server.public_url,
        }),
    };
    let detail = format!(
        "{} {}",
        if accepted { "accepted" } else { "refused" },
        request.field
    );
    review::finish(
        tx,
        vec![notice],
        ctx.audit(
            "correction.resolve",
            "correction_request",
            Some(id.to_string()),
        )
        .about(request.account_id)
        .detail(&detail),
    )
    .await
}

/// A request that is not open: handled already (a conflict the officer is told about) or none at all.
async fn not_open(tx: &mut Transaction<'static, Any>, id: i64) -> AppError {
    match sqlx::query_as::<_, (i64,)>("SELECT id FROM correction_requests WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
    {
        Ok(Some(_)) => review::already_reviewed(),
        Ok(None) => AppError::NotFound,
        Err(error) => error.into(),
    }
}

#[derive(FromRow)]
struct IdentityRow {
    nik_ciphertext: String,
    date_of_birth: String,
    sex: String,
}

/// Writes an accepted correction into the record. A NIK, birth date or sex is applied only if the NIK and
/// the (corrected) birth date and sex still agree (the sign-up validator); a new NIK is encrypted, gets its
/// keyed hash, and must belong to no other account.
async fn apply(
    ctx: &RequestCtx,
    tx: &mut Transaction<'static, Any>,
    account_id: i64,
    value: &CorrectionValue,
) -> Result<(), AppError> {
    if let CorrectionValue::FullName(name) = value {
        sqlx::query("UPDATE accounts SET full_name = $1 WHERE id = $2")
            .bind(name)
            .bind(account_id)
            .execute(&mut **tx)
            .await?;
        return Ok(());
    }
    let record: IdentityRow = sqlx::query_as(
        "SELECT nik_ciphertext, date_of_birth, sex FROM seekers WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| AppError::Conflict("err_correction_no_seeker".into()))?;
    let mut nik = ctx
        .state
        .pii
        .decrypt(&record.nik_ciphertext)
        .map_err(internal)?;
    let mut date_of_birth = parse_date(&record.date_of_birth)
        .ok_or_else(|| internal("stored birth date unreadable"))?;
    let mut sex = parse_sex(&record.sex).ok_or_else(|| internal("stored sex unreadable"))?;
    match value {
        CorrectionValue::Nik(new) => nik.clone_from(new),
        CorrectionValue::DateOfBirth(new) => date_of_birth = *new,
        CorrectionValue::Sex(new) => sex = *new,
        CorrectionValue::FullName(_) | CorrectionValue::PlaceOfBirth(_) => {}
    }
    if let CorrectionValue::DateOfBirth(date) = value {
        let today = crate::core::calendar::wib_date(ctx.now_ms());
        if age_on(*date, today) < MIN_SIGN_UP_AGE {
            return Err(AppError::Conflict("err_too_young".into()));
        }
    }
    if !matches!(value, CorrectionValue::PlaceOfBirth(_)) {
        check_nik(&nik, date_of_birth, sex).map_err(|e| AppError::Conflict(nik_conflict(e)))?;
    }
    let update = match value {
        CorrectionValue::PlaceOfBirth(place) => {
            sqlx::query("UPDATE seekers SET place_of_birth = $1 WHERE account_id = $2").bind(place)
        }
        CorrectionValue::DateOfBirth(date) => {
            sqlx::query("UPDATE seekers SET date_of_birth = $1 WHERE account_id = $2")
                .bind(format_date(*date))
        }
        CorrectionValue::Sex(sex) => {
            sqlx::query("UPDATE seekers SET sex = $1 WHERE account_id = $2").bind(sex_code(*sex))
        }
        CorrectionValue::Nik(nik) => return replace_nik(ctx, tx, account_id, nik).await,
        CorrectionValue::FullName(_) => return Ok(()),
    };
    update.bind(account_id).execute(&mut **tx).await?;
    Ok(())
}

async fn replace_nik(
    ctx: &RequestCtx,
    tx: &mut Transaction<'static, Any>,
    account_id: i64,
    nik: &str,
) -> Result<(), AppError> {
    const TAKEN: &str = "err_correction_nik_taken";
    let nik_hash = ctx.state.pii.blind_index(nik);
    let holder: Option<(i64,)> =
        sqlx::query_as("SELECT account_id FROM seekers WHERE nik_hash = $1 AND account_id <> $2")
            .bind(&nik_hash)
            .bind(account_id)
            .fetch_optional(&mut **tx)
            .await?;
    if holder.is_some() {
        return Err(AppError::Conflict(TAKEN.into()));
    }
    let ciphertext = ctx.state.pii.encrypt(nik).map_err(internal)?;
    sqlx::query("UPDATE seekers SET nik_ciphertext = $1, nik_hash = $2 WHERE account_id = $3")
        .bind(ciphertext)
        .bind(nik_hash)
        .bind(account_id)
        .execute(&mut **tx)
        .await
        .map_err(|error| match violated_constraint(&error) {
            // Taken between the check and the write by a sign-up running at the same moment.
            Some(name) if name.contains("nik_hash") => AppError::Conflict(TAKEN.into()),
            _ => AppError::from(error),
        })?;
    Ok(())
}

/// The officer's message when the NIK and the rest of the record disagree: the mismatch cases are worded
/// for the correction (nothing was applied), the others are the validator's own messages.
fn nik_conflict(error: NikError) -> String {
    match error {
        NikError::BirthDateMismatch => "err_correction_birth_mismatch",
        NikError::SexMismatch => "err_correction_sex_mismatch",
        other => other.message_key(),
    }
    .to_owned()
}
