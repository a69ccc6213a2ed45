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

/// One attempt counted by [`reserve`], with what [`release`] needs to give it back.
#[derive(Clone, Debug)]
pub struct Reservation {
    key: String,
    failures: i64,
    previous_blocked_until_ms: i64,
}

/// Counts one attempt on every key before the attempt is evaluated, or none at all when any key is
/// waiting out its back-off (`Err(RateLimited)`). Checking and counting are one guarded UPDATE per key
/// inside one write transaction (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: the UPDATE's row lock, whose
/// `WHERE` is re-checked once a concurrent holder commits), so each of N simultaneous guesses sees the
/// count and the back-off of those before it, and only the allowance is ever evaluated.
pub async fn reserve(
    db: &Db,
    clock: &Clock,
    keys: &[(&str, Limit)],
) -> Result<Vec<Reservation>, AppError> {
    let now = clock.now_ms();
    let mut tx = db.begin_write().await?;
    let mut reservations = Vec::with_capacity(keys.len());
    for (key, limit) in keys {
        sqlx::query(
            "INSERT INTO throttle (key, failures, window_start_ms, blocked_until_ms) \
             VALUES ($1, 0, $2, 0) ON CONFLICT (key) DO NOTHING",
        )
        .bind(*key)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // `blocked_until_ms` is not set here, so RETURNING gives the back-off before this attempt.
        let row: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE throttle SET \
             failures = CASE WHEN window_start_ms <= $2 THEN 1 ELSE failures + 1 END, \
             window_start_ms = CASE WHEN window_start_ms <= $2 THEN $3 ELSE window_start_ms END \
             WHERE key = $1 AND blocked_until_ms <= $3 \
             RETURNING failures, blocked_until_ms",
        )
        .bind(*key)
        .bind(now - limit.window_ms)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((failures, previous_blocked_until_ms)) = row else {
            // Nothing of this attempt is counted on any key.
            tx.rollback().await?;
            return Err(AppError::RateLimited);
        };
        // Within the allowance the back-off is left as it was (at or before now). Setting it to `now`
        // would refuse a concurrent attempt that read the clock a moment earlier and waited for this
        // row (PostgreSQL row lock, SQLite write lock, another instance): a right password got 429.
        let delay = delay_ms(*limit, failures);
        if delay > 0 {
            sqlx::query("UPDATE throttle SET blocked_until_ms = $2 WHERE key = $1")
                .bind(*key)
                .bind(now + delay)
                .execute(&mut *tx)
                .await?;
        }
        reservations.push(Reservation {
            key: (*key).to_owned(),
            failures,
            previous_blocked_until_ms,
        });
    }
    tx.commit().await?;
    Ok(reservations)
}

/// Gives back reserved attempts that turned out not to be failures (a right password): one failure less
/// each, and the back-off as it was before, unless another attempt has been counted since.
pub async fn release(db: &Db, reservations: &[Reservation]) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    for reservation in reservations {
        sqlx::query(
            "UPDATE throttle SET \
             blocked_until_ms = CASE WHEN failures = $2 THEN $3 ELSE blocked_until_ms END, \
             failures = failures - 1 \
             WHERE key = $1 AND failures > 0",
        )
        .bind(&reservation.key)
        .bind(reservation.failures)
        .bind(reservation.previous_blocked_until_ms)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn clear(db: &Db, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM throttle WHERE key = $1")
        .bind(key)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A cap on Argon2 work at once. Each hash or verify takes 19 MiB and tens of milliseconds of a core, and
/// sign-ins, sign-ups and password links need no account: unbounded, a burst of them exhausts memory.
pub struct HashGate {
    permits: std::sync::Arc<tokio::sync::Semaphore>,
    wait: std::time::Duration,
}

/// The process's gate: two hashes per core, and a request that waits longer than two seconds is
/// answered "busy, try again" (503) instead of queueing without end.
pub static ARGON2: std::sync::LazyLock<HashGate> = std::sync::LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    HashGate::new(2 * cores, std::time::Duration::from_secs(2))
});

impl HashGate {
    pub fn new(permits: usize, wait: std::time::Duration) -> HashGate {
        HashGate {
            permits: std::sync::Arc::new(tokio::sync::Semaphore::new(permits)),
            wait,
        }
    }

    /// Runs `work` on the blocking pool once a permit is free; `Unavailable` after waiting too long.
    /// The permit goes with the work, so a request given up half-way still holds it until the hash ends.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| AppError::Unavailable)?
            .map_err(crate::server::error::internal)?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(crate::server::error::internal)
    }

    /// Like [`HashGate::run`] but waits however long it takes: for staff and command-line paths, which
    /// only an authorised few can start.
    pub async fn run_queued<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        // The semaphore is never closed, so acquiring cannot fail.
        let permit = self.permits.clone().acquire_owned().await.ok();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
    }
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

    /// Two attempts within the allowance, the later one counted first (it read the clock after the
    /// other, which then waited for the row): both go through, neither is told to wait.
    #[tokio::test]
    async fn an_attempt_that_read_the_clock_earlier_is_not_refused_within_the_allowance() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::connect_lazy(&crate::server::db::sqlite_url_in(dir.path())).expect("pool");
        db.migrate().await.expect("migrations");
        let (earlier, later) = (Clock::default(), Clock::default());
        later.advance_ms(50);
        let keys = [("signin:a:drill", SIGN_IN_ACCOUNT)];
        reserve(&db, &later, &keys)
            .await
            .expect("the later attempt");
        let earlier_attempt = reserve(&db, &earlier, &keys).await;
        assert!(
            earlier_attempt.is_ok(),
            "no back-off before the allowance is used up: {earlier_attempt:?}"
        );
    }

    #[tokio::test]
    async fn hashing_beyond_the_cap_waits_briefly_then_answers_busy() {
        // Each hash holds its permit 15 times longer than a waiter waits, so a loaded machine cannot blur it.
        let gate = std::sync::Arc::new(HashGate::new(2, std::time::Duration::from_millis(100)));
        let running = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                let (gate, running, most) = (gate.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    gate.run(move || {
                        let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                        most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(1500));
                        running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                    })
                    .await
                })
            })
            .collect();
        let mut done = 0;
        let mut busy = 0;
        for task in tasks {
            match task.await.expect("task") {
                Ok(()) => done += 1,
                Err(AppError::Unavailable) => busy += 1,
                Err(other) => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(
            (done, busy),
            (2, 4),
            "two permits; the rest gave up after 100 ms"
        );
        assert_eq!(most.load(std::sync::atomic::Ordering::SeqCst), 2);
        // Queued work waits its turn instead.
        let queued: Vec<_> = (0..3)
            .map(|_| {
                let gate = gate.clone();
                tokio::spawn(async move { gate.run_queued(|| 1).await })
            })
            .collect();
        for task in queued {
            assert_eq!(task.await.expect("task").expect("hash"), 1);
        }
    }
}
