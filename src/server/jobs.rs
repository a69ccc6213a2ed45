//! Background jobs, the one mechanism for every periodic task. Each job runs once per slot whatever the number
//! of server instances: once per WIB day (`Schedule::Daily`) or once per period (`Schedule::Every`, slots
//! aligned to the clock). The instance that inserts the slot's `job_runs` row runs the job, the others see
//! the row and skip. The jobs themselves also write with unique keys (a reminder per contract and lead
//! time), so even a rerun never sends twice.
//!
//! Which jobs exist is decided by the composition root (`wiring::jobs()`); this module only runs them.
use std::{future::Future, pin::Pin, time::Duration};

use crate::{
    core::{calendar, error::AppError},
    server::state::AppState,
};

pub type JobFuture = Pin<Box<dyn Future<Output = Result<String, AppError>> + Send>>;

/// How often a job runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Once per WIB day.
    Daily,
    /// Once per period (minutes or hours), in slots aligned to the clock (an hourly job: once each hour).
    Every(Duration),
}

const MS_PER_MINUTE: i64 = 60_000;
const WIB_OFFSET_MS: i64 = 7 * 60 * MS_PER_MINUTE;

impl Schedule {
    /// The `job_runs.run_on` of the slot an instant falls in: `YYYY-MM-DD` for a daily job (as it has always
    /// been), `YYYY-MM-DDTHH:MM` (WIB, the slot's start) for a periodic one.
    pub fn slot(self, now_ms: i64) -> String {
        let day = calendar::format_date(calendar::wib_date(now_ms));
        match self {
            Schedule::Daily => day,
            Schedule::Every(period) => {
                let period_ms = i64::try_from(period.as_millis())
                    .unwrap_or(i64::MAX)
                    .max(MS_PER_MINUTE);
                let start = now_ms - now_ms.rem_euclid(period_ms);
                let minute_of_day =
                    (start + WIB_OFFSET_MS).rem_euclid(1440 * MS_PER_MINUTE) / MS_PER_MINUTE;
                format!(
                    "{}T{:02}:{:02}",
                    calendar::format_date(calendar::wib_date(start)),
                    minute_of_day / 60,
                    minute_of_day % 60
                )
            }
        }
    }
}

/// A job: its name in `job_runs`, when it runs, and what it does (one pass, returning a one-line summary).
pub struct Job {
    pub name: &'static str,
    pub schedule: Schedule,
    pub run: fn(AppState) -> JobFuture,
}

impl Job {
    pub fn daily(name: &'static str, run: fn(AppState) -> JobFuture) -> Job {
        Job {
            name,
            schedule: Schedule::Daily,
            run,
        }
    }

    pub fn every(name: &'static str, period: Duration, run: fn(AppState) -> JobFuture) -> Job {
        Job {
            name,
            schedule: Schedule::Every(period),
            run,
        }
    }
}

/// A name for this process in `job_runs` (which instance ran what).
pub fn instance_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "dnaker".into());
    format!("{host}-{}", &crate::server::pii::new_token()[..6])
}

/// How long the runs of a periodic job stay in `job_runs`.
const KEEP_PERIODIC_RUNS_MS: i64 = 14 * 24 * 3_600_000;

/// Runs each job whose current slot has not run yet. Returns the names of the jobs this instance ran.
pub async fn run_due(
    state: &AppState,
    jobs: &[Job],
    instance: &str,
) -> Result<Vec<&'static str>, AppError> {
    let mut ran = Vec::new();
    for job in jobs {
        let now = state.clock.now_ms();
        let slot = job.schedule.slot(now);
        let claimed = sqlx::query(
            "INSERT INTO job_runs (job, run_on, instance, started_at_ms) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (job, run_on) DO NOTHING",
        )
        .bind(job.name)
        .bind(&slot)
        .bind(instance)
        .bind(now)
        .execute(&state.db.pool)
        .await?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        if let Schedule::Every(_) = job.schedule {
            // A periodic job writes a row per slot (24 a day for an hourly one); two weeks of them are kept.
            // Its slots are fixed-width text, so older ones sort before the cut.
            let cut = job.schedule.slot(now - KEEP_PERIODIC_RUNS_MS);
            sqlx::query("DELETE FROM job_runs WHERE job = $1 AND run_on < $2")
                .bind(job.name)
                .bind(cut)
                .execute(&state.db.pool)
                .await?;
        }
        let result = (job.run)(state.clone()).await;
        let (outcome, detail) = match &result {
            Ok(summary) => ("ok", summary.clone()),
            Err(error) => {
                tracing::warn!(job = job.name, %error, "job failed");
                ("failed", error.to_string())
            }
        };
        sqlx::query(
            "UPDATE job_runs SET finished_at_ms = $1, outcome = $2, detail = $3 WHERE job = $4 AND run_on = $5",
        )
        .bind(state.clock.now_ms())
        .bind(outcome)
        .bind(detail)
        .bind(job.name)
        .bind(&slot)
        .execute(&state.db.pool)
        .await?;
        ran.push(job.name);
    }
    if !ran.is_empty() {
        // A job may have closed vacancies or ended fairs that kept public pages still show.
        state.pages.forget_all();
    }
    Ok(ran)
}

/// How often the scheduler looks for due jobs: every ten minutes, or as often as the shortest period asks.
fn check_interval(jobs: &[Job]) -> Duration {
    jobs.iter()
        .filter_map(|job| match job.schedule {
            Schedule::Every(period) => Some(period),
            Schedule::Daily => None,
        })
        .fold(Duration::from_secs(600), Duration::min)
        .max(Duration::from_secs(1))
}

/// Looks for due jobs as soon as the database is ready, then regularly until the process ends.
pub async fn run_scheduler(state: AppState, jobs: Vec<Job>) {
    let instance = instance_name();
    let interval = check_interval(&jobs);
    loop {
        if !state.is_migrated() {
            tokio::time::sleep(Duration::from_secs(2)).await;
            continue;
        }
        match run_due(&state, &jobs, &instance).await {
            Ok(ran) if ran.is_empty() => {}
            Ok(ran) => tracing::info!(?ran, "jobs run"),
            Err(error) => tracing::warn!(%error, "due jobs could not be checked"),
        }
        tokio::time::sleep(interval).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-05 04:48:20 UTC = 11:48:20 WIB.
    const NOW: i64 = 1_796_446_100_000;

    #[test]
    fn slots_are_wib_days_or_clock_aligned_periods() {
        assert_eq!(Schedule::Daily.slot(NOW), "2026-12-05");
        let hourly = Schedule::Every(Duration::from_secs(3600));
        assert_eq!(hourly.slot(NOW), "2026-12-05T11:00");
        assert_eq!(hourly.slot(NOW + 11 * 60_000), "2026-12-05T11:00");
        assert_eq!(hourly.slot(NOW + 12 * 60_000), "2026-12-05T12:00");
        let quarter = Schedule::Every(Duration::from_secs(15 * 60));
        assert_eq!(quarter.slot(NOW), "2026-12-05T11:45");
        // 17:30 UTC is already the next WIB day.
        assert_eq!(hourly.slot(NOW + 13 * 3_600_000), "2026-12-06T00:00");
        assert_eq!(Schedule::Daily.slot(NOW + 13 * 3_600_000), "2026-12-06");
    }

    #[test]
    fn the_scheduler_checks_as_often_as_the_shortest_period() {
        let nothing = |_| -> JobFuture { Box::pin(async { Ok(String::new()) }) };
        let daily = vec![Job::daily("a", nothing)];
        assert_eq!(check_interval(&daily), Duration::from_secs(600));
        let mixed = vec![
            Job::daily("a", nothing),
            Job::every("b", Duration::from_secs(300), nothing),
        ];
        assert_eq!(check_interval(&mixed), Duration::from_secs(300));
    }
}
