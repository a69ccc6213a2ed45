//! One decision flow for everything an officer reviews (AK-1 applications, PKWT contracts, fair booths,
//! TKA levy payments, vacancy moderation, data corrections, companies), all in the caller's write
//! transaction:
//!
//! 1. the guarded transition: an `UPDATE … WHERE id = $n AND status = '<expected>'` the caller builds
//!    (its repo owns the SQL). Writing first takes SQLite's write lock at once and locks the row on
//!    PostgreSQL, so of two officers deciding at once the second changes nothing: 0 rows is
//!    `Conflict("err_already_reviewed")`;
//! 2. the caller's own effects (a card or registration number, the corrected record, …);
//! 3. the notices, then the audit event, then the commit.
//!
//! ```ignore
//! let officer = ctx.require_staff()?;
//! let reason = review::reason(decision, &text)?; // None for an approval
//! let mut tx = ctx.state.db.begin_write().await?;
//! review::claimed(repo::claim_decision(&mut tx, id, status, reason.as_deref(), officer.account_id, now).await?)?;
//! // or: review::claim(&mut tx, sqlx::query("UPDATE … WHERE id = $1 AND status = 'waiting'").bind(id)).await?;
//! let number = issue_number(&mut tx, id).await?;
//! review::finish(tx, vec![notice], ctx.audit(action, "pkwt_contract", Some(id.to_string()))).await?;
//! ```
use sqlx::{Any, Transaction, any::AnyArguments, query::Query};

use crate::{
    core::{error::AppError, review::Decision, text::normalize_text},
    server::{
        audit::{self, AuditEvent},
        notify::{self, Notice},
    },
};

/// The message key when someone else decided first.
pub const ALREADY_REVIEWED: &str = "err_already_reviewed";

/// Shortest and longest reason a rejection or a revision request gives (characters).
pub const REASON_CHARS: (usize, usize) = (5, 1000);

/// Someone else decided first (or the item is no longer waiting).
pub fn already_reviewed() -> AppError {
    AppError::Conflict(ALREADY_REVIEWED.into())
}

/// Runs the guarded transition; no row changed means another decision came first.
pub async fn claim<'q>(
    tx: &mut Transaction<'static, Any>,
    update: Query<'q, Any, AnyArguments<'q>>,
) -> Result<(), AppError> {
    let changed = update.execute(&mut **tx).await?.rows_affected();
    claimed(changed > 0)
}

/// For a repo function that ran the guarded transition itself and says whether it changed the row.
pub fn claimed(claimed: bool) -> Result<(), AppError> {
    if claimed {
        Ok(())
    } else {
        Err(already_reviewed())
    }
}

/// The reason a decision carries: trimmed and 5–1000 characters when the decision needs one (form field
/// `reason`), none for an approval.
pub fn reason(decision: Decision, text: &str) -> Result<Option<String>, AppError> {
    if !decision.needs_reason() {
        return Ok(None);
    }
    let (min, max) = REASON_CHARS;
    normalize_text(text, min, max)
        .map(Some)
        .map_err(|key| AppError::field("reason", key))
}

/// Sends the notices, records the audit event (made by `ctx.audit(…)`, which also marks the kept public
/// pages stale when the action changes them) and commits: the end of every decision.
pub async fn finish(
    mut tx: Transaction<'static, Any>,
    notices: Vec<Notice<'_>>,
    event: AuditEvent<'_>,
) -> Result<(), AppError> {
    for notice in notices {
        notify::send(&mut tx, notice).await?;
    }
    audit::record(&mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_refusals_need_a_reason() {
        assert_eq!(reason(Decision::Approve, ""), Ok(None));
        assert_eq!(
            reason(Decision::Reject, "  berkas tidak lengkap "),
            Ok(Some("berkas tidak lengkap".to_owned()))
        );
        assert_eq!(
            reason(Decision::Revise, " ok  "),
            Err(AppError::field("reason", "err_text_length"))
        );
    }

    #[test]
    fn an_unchanged_row_is_a_conflict() {
        assert_eq!(claimed(true), Ok(()));
        assert_eq!(
            claimed(false),
            Err(AppError::Conflict("err_already_reviewed".into()))
        );
    }
}
