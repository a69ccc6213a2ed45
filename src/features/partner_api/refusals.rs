//! Calls refused before they are served (an unknown, revoked or expired key, an address the key may not
//! be used from, a scope the key lacks, a call over the key's per-minute limit) are kept in the audit log as `api.refused`: the reason, the key's
//! id when it is known, the key's prefix as the admin page shows it (never the key), the scope, the path
//! and the caller's address. So probing with a stolen or revoked key leaves a trace.
//!
//! Bounded with `server::throttle` (the database-backed limiter every instance shares), so a flood of
//! refused calls cannot fill the log: at most [`ROWS_PER_MINUTE`] rows a minute per known key, and as many
//! for all unknown keys together (made-up keys cannot open new buckets). While a bucket waits out its
//! minute, a refused call writes nothing at all (one read).
use crate::{
    core::error::AppError,
    features::partner_api::model::KEY_PREFIX,
    server::{
        audit::{self, AuditEvent},
        state::AppState,
        throttle::{self, Limit},
    },
};

/// Audit rows of refused calls per bucket and minute.
pub const ROWS_PER_MINUTE: i64 = 10;

const MINUTE: i64 = 60_000;

/// The bucket's allowance: `ROWS_PER_MINUTE` rows, then nothing until the minute is over.
const BUCKET: Limit = Limit {
    free_failures: ROWS_PER_MINUTE,
    first_delay_ms: MINUTE,
    max_delay_ms: MINUTE,
    window_ms: MINUTE,
};

/// One refused call.
pub struct Refusal<'a> {
    /// The key's id when the presented key is one of ours (revoked, expired, wrong address or scope).
    pub key_id: Option<i64>,
    /// The key as presented: only its prefix is kept.
    pub presented: &'a str,
    /// Why: `unknown-key`, `revoked`, `expired`, `address-not-allowed`, `insufficient-scope` or
    /// `rate-limited`.
    pub reason: &'a str,
    pub scope: Option<&'a str>,
    pub path: &'a str,
    pub ip: Option<&'a str>,
    pub request_id: Option<&'a str>,
}

/// What of a presented key may be kept: the typed prefix and the next 6 characters, as the admin page
/// shows a key (the rest of the secret never); `-` for a key that does not start like ours.
pub fn key_prefix(presented: &str) -> String {
    if !presented.starts_with(KEY_PREFIX) {
        return "-".to_owned();
    }
    presented
        .chars()
        .take(KEY_PREFIX.len() + 6)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// Writes the refusal's audit row unless its bucket is used up this minute. A failure to write is logged
/// and does not change the answer (the call is refused either way).
pub async fn record(state: &AppState, refusal: &Refusal<'_>) {
    if let Err(error) = try_record(state, refusal).await {
        tracing::warn!(%error, reason = refusal.reason, "refused API call not audited");
    }
}

async fn try_record(state: &AppState, refusal: &Refusal<'_>) -> Result<(), AppError> {
    let bucket = match refusal.key_id {
        Some(id) => format!("api.refused:key:{id}"),
        None => "api.refused:unknown".to_owned(),
    };
    // A read first, so a flood waiting out its minute writes nothing; then the guarded count.
    let allowed = match throttle::check(&state.db, &state.clock, &bucket).await {
        Ok(()) => throttle::reserve(&state.db, &state.clock, &[(&bucket, BUCKET)])
            .await
            .map(drop),
        blocked => blocked,
    };
    match allowed {
        Ok(()) => {}
        Err(AppError::RateLimited) => return Ok(()),
        Err(error) => return Err(error),
    }
    let path: String = refusal.path.chars().take(80).collect();
    let detail = format!(
        "reason={} key={} scope={} path={path}",
        refusal.reason,
        key_prefix(refusal.presented),
        refusal.scope.unwrap_or("-"),
    );
    let mut tx = state.db.begin_write().await?;
    let event = AuditEvent {
        actor_role: Some("partner"),
        action: "api.refused",
        subject_type: "api_key",
        subject_id: refusal.key_id.map(|id| id.to_string()),
        ip: refusal.ip,
        request_id: refusal.request_id,
        detail: &detail,
        ..AuditEvent::default()
    };
    audit::record(&mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_prefix_of_a_presented_key_is_kept() {
        assert_eq!(
            key_prefix("dnk_live_abcdef0123456789secret"),
            "dnk_live_abcdef"
        );
        assert_eq!(key_prefix("dnk_live_a\"b<c"), "dnk_live_a?b?c");
        assert_eq!(key_prefix("my-password-by-mistake"), "-");
    }
}
