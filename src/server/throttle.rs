//! Abuse limits with exponential back-off, stored in the database so every instance sees them.
//!
//! A key (account, IP, account+IP) gets a few free failures; after that each failure doubles the wait,
//! up to a ceiling. There is no hard lock: an attacker hammering one account only slows it down, and the
//! per-account ceiling is short, while the owner's own IP has its separate, generous key.
use crate::{
    core::error::AppError,
    server::{clock::Clock, db::Db},
};

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub free_failures: i64,
    pub first_delay_ms: i64,
    pub max_delay_ms: i64,
    /// Failures older than this are forgotten.
    pub window_ms: i64,
}

const MINUTE: i64 = 60_000;

/// Wrong passwords for one account from one address.
pub const SIGN_IN_ACCOUNT_IP: Limit = Limit {
    free_failures: 5,
    first_delay_ms: 1_000,
    max_delay_ms: 15 * MINUTE,
    window_ms: 60 * MINUTE,
};
/// Wrong passwords for one account from anywhere: a short ceiling so nobody can lock the owner out.
pub const SIGN_IN_ACCOUNT: Limit = Limit {
    free_failures: 20,
    first_delay_ms: 1_000,
    max_delay_ms: MINUTE,
    window_ms: 60 * MINUTE,
};
/// Any sign-in failures from one address (credential stuffing across accounts).
pub const SIGN_IN_IP: Limit = Limit {
    free_failures: 30,
    first_delay_ms: 1_000,
    max_delay_ms: 15 * MINUTE,
    window_ms: 60 * MINUTE,
};
/// Password-reset requests per address and per account.
pub const RESET: Limit = Limit {
    free_failures: 5,
    first_delay_ms: MINUTE,
    max_delay_ms: 60 * MINUTE,
    window_ms: 60 * MINUTE,
};
/// Sign-ups per address (every sign-up counts).
pub const SIGN_UP_IP: Limit = Limit {
    free_failures: 10,
    first_delay_ms: MINUTE,
    max_delay_ms: 60 * MINUTE,
    window_ms: 60 * MINUTE,
};

/// The wait after `failures` failures: none before the allowance is used up, then doubling.
pub fn delay_ms(limit: Limit, failures: i64) -> i64 {
    let over = failures - limit.free_failures;
    if over < 0 {
        return 0;
    }
    let doublings = u32::try_from(over).unwrap_or(u32::MAX).min(40);
    limit
        .first_delay_ms
        .saturating_mul(1_i64 << doublings)
        .min(limit.max_delay_ms)
}

/// `Err(RateLimited)` while the key is waiting out its back-off.
pub async fn check(db: &Db, clock: &Clock, key: &str) -> Result<(), AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT blocked_until_ms FROM throttle WHERE key = $1")
            .bind(key)
            .fetch_optional(&db.pool)
            .await?;
    match row {
        Some((until,)) if until > clock.now_ms() => Err(AppError::RateLimited),
        _ => Ok(()),
    }
}

/// Counts one failure (or one use, for sign-ups) and sets the next back-off.
pub async fn record_failure(
    db: &Db,
    clock: &Clock,
    key: &str,
    limit: Limit,
) -> Result<(), AppError> {
    let now = clock.now_ms();
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT failures, window_start_ms FROM throttle WHERE key = $1")
            .bind(key)
            .fetch_optional(&db.pool)
            .await?;
    let (failures, window_start) = match row {
        Some((failures, start)) if now - start < limit.window_ms => (failures + 1, start),
        _ => (1, now),
    };
    sqlx::query(
        "INSERT INTO throttle (key, failures, window_start_ms, blocked_until_ms) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start_ms = excluded.window_start_ms, \
         blocked_until_ms = excluded.blocked_until_ms",
    )
    .bind(key)
    .bind(failures)
    .bind(window_start)
    .bind(now + delay_ms(limit, failures))
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn clear(db: &Db, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM throttle WHERE key = $1")
        .bind(key)
        .execute(&db.pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_back_off_doubles_after_the_free_failures_and_stops_at_the_ceiling() {
        assert_eq!(delay_ms(SIGN_IN_ACCOUNT_IP, 4), 0);
        assert_eq!(delay_ms(SIGN_IN_ACCOUNT_IP, 5), 1_000);
        assert_eq!(delay_ms(SIGN_IN_ACCOUNT_IP, 6), 2_000);
        assert_eq!(delay_ms(SIGN_IN_ACCOUNT_IP, 100), 15 * MINUTE);
        assert_eq!(
            delay_ms(SIGN_IN_ACCOUNT, 1_000),
            MINUTE,
            "an account is never locked for long"
        );
        assert_eq!(delay_ms(SIGN_IN_ACCOUNT, i64::MAX), MINUTE);
    }
}
