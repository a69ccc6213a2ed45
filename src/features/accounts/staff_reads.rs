//! Staff reads of one person's record (the full NIK, phone, photo, CV). Being an officer is not enough:
//! the read needs a relation the system knows (their AK-1 application waiting in the officer queue, their
//! consent at this officer's counter, an open correction request of theirs) or a reason the officer types.
//! Either is written into the read's audit row, and the person sees it on "who accessed my data".
use serde_json::json;

use crate::core::text::normalize_text;
use crate::{
    core::error::AppError,
    features::accounts::repo,
    server::{audit, authz::RequestCtx, error::internal},
};

/// A typed reason must say something: "cek" is not a reason.
pub const REASON_MIN_CHARS: usize = 10;
pub const REASON_MAX_CHARS: usize = 300;
/// A reason may name a case ("ADU-2026-000123", ten digits): a NIK or KK number has sixteen.
const REASON_ID_DIGITS: usize = 12;

/// The audit detail that prefixes a typed reason; relations are written as `relation:<name>`.
const REASON_PREFIX: &str = "reason:";
const RELATION_PREFIX: &str = "relation:";

/// Why this staff member may read `account_id`'s record now, as the audit detail to store; a field error
/// on `reason` when there is no relation and no (long enough) reason. A typed reason is kept even when a
/// relation exists: it is what the officer chose to tell the person.
pub async fn basis(ctx: &RequestCtx, account_id: i64, reason: &str) -> Result<String, AppError> {
    let officer = ctx.require_staff()?.account_id;
    if !reason.trim().is_empty() {
        let reason = normalize_text(reason, REASON_MIN_CHARS, REASON_MAX_CHARS)
            .map_err(|_| AppError::field("reason", "err_access_reason"))?;
        // The reason is stored as typed: an identity number in it would sit in clear.
        if crate::core::text::has_identity_number(&reason, REASON_ID_DIGITS) {
            return Err(AppError::field("reason", "err_access_reason_identity"));
        }
        // The reason is the officer's own words about why they read this record. It is kept with the read
        // (the audit log), because showing it to the person is the point of asking for it.
        return Ok(format!("{REASON_PREFIX}{reason}"));
    }
    let now = ctx.now_ms();
    let (queued, counter, correction): (i64, i64, i64) = sqlx::query_as(
        "SELECT \
         (SELECT COUNT(*) FROM ak1_applications WHERE account_id = $1 AND status = 'waiting'), \
         (SELECT COUNT(*) FROM assisted_consents WHERE seeker_account_id = $1 AND officer_account_id = $2 \
          AND expires_at_ms > $3), \
         (SELECT COUNT(*) FROM correction_requests WHERE account_id = $1 AND status = 'open')",
    )
    .bind(account_id)
    .bind(officer)
    .bind(now)
    .fetch_one(&ctx.state.db.pool)
    .await?;
    let relation = if queued > 0 {
        "ak1_queue"
    } else if counter > 0 {
        "counter"
    } else if correction > 0 {
        "correction"
    } else {
        return Err(AppError::field("reason", "err_access_reason_required"));
    };
    Ok(format!("{RELATION_PREFIX}{relation}"))
}

/// What "who accessed my data" shows of a read's audit detail: (the relation's translation key, the
/// typed reason). Details of other actions are not shown (they are not written for the person).
pub fn shown_basis(action: &str, detail: &str) -> (Option<String>, Option<String>) {
    if !matches!(
        action,
        "seeker.read" | "seeker_file.read" | "complaint.unlock"
    ) {
        return (None, None);
    }
    if let Some(reason) = detail.strip_prefix(REASON_PREFIX) {
        return (None, Some(reason.to_owned()));
    }
    if let Some(relation) = detail.strip_prefix(RELATION_PREFIX) {
        return (Some(format!("access_basis_{relation}")), None);
    }
    (None, None)
}

/// An officer opens a seeker's record: the full NIK is shown, and the read is logged with its basis.
pub async fn officer_view_seeker(
    ctx: &RequestCtx,
    account_id: i64,
    reason: &str,
) -> Result<serde_json::Value, AppError> {
    ctx.require_staff()?;
    let row = repo::seeker(&ctx.state.db, account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = repo::session_user(&ctx.state.db, account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let basis = basis(ctx, account_id, reason).await?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("seeker.read", "seeker", Some(account_id.to_string()))
            .about(account_id)
            .detail(&basis),
    )
    .await?;
    Ok(json!({
        "account_id": account_id,
        "full_name": user.full_name,
        "email": user.email,
        "nik": ctx.state.pii.decrypt(&row.nik_ciphertext).map_err(internal)?,
        "place_of_birth": row.place_of_birth,
        "date_of_birth": row.date_of_birth,
        "sex": row.sex,
        "phone": row.phone,
    }))
}

#[cfg(test)]
mod tests {
    use super::shown_basis;

    #[test]
    fn only_reads_show_their_basis() {
        assert_eq!(
            shown_basis("seeker.read", "reason:Pengaduan nomor 12 via telepon"),
            (None, Some("Pengaduan nomor 12 via telepon".to_owned()))
        );
        assert_eq!(
            shown_basis("seeker_file.read", "relation:ak1_queue"),
            (Some("access_basis_ak1_queue".to_owned()), None)
        );
        assert_eq!(shown_basis("correction.decide", "reason:x"), (None, None));
        assert_eq!(shown_basis("seeker.read", ""), (None, None));
    }

    #[test]
    fn identity_numbers_are_not_reasons() {
        assert!(crate::core::text::has_identity_number(
            "pengaduan NIK 3603011508950001",
            super::REASON_ID_DIGITS
        ));
        assert!(crate::core::text::has_identity_number(
            "NIK 3603 0115 0895 0001 lapor",
            super::REASON_ID_DIGITS
        ));
        assert!(!crate::core::text::has_identity_number(
            "Pengaduan nomor 12 via telepon 2026",
            super::REASON_ID_DIGITS
        ));
        assert!(!crate::core::text::has_identity_number(
            "tiket ADU-2026-000123",
            super::REASON_ID_DIGITS
        ));
    }
}
