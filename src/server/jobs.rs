//! Daily jobs, each run once per WIB day whatever the number of server instances: the instance that inserts
//! the day's `job_runs` row runs the job, the others see the row and skip. The jobs themselves also write
//! with unique keys (a reminder per contract and lead time), so even a rerun never sends twice.
use std::{future::Future, pin::Pin, time::Duration};

use crate::{
    core::{calendar, error::AppError},
    server::state::AppState,
};

type JobFuture = Pin<Box<dyn Future<Output = Result<String, AppError>> + Send>>;

/// A job: its name in `job_runs` and what it does (returning a one-line summary).
pub struct DailyJob {
    pub name: &'static str,
    pub run: fn(AppState) -> JobFuture,
}

/// Every daily job of the portal.
pub fn all() -> Vec<DailyJob> {
    use crate::features::pkwt::jobs;
    vec![
        DailyJob {
            name: "pkwt_reminders",
            run: |state| Box::pin(async move { jobs::send_end_reminders(&state).await }),
        },
        DailyJob {
            name: "pkwt_expiry",
            run: |state| Box::pin(async move { jobs::expire(&state).await }),
        },
        DailyJob {
            name: "umk_warnings",
            run: |state| Box::pin(async move { jobs::warn_below_minimum_wage(&state).await }),
        },
        DailyJob {
            name: "tka_expiry_reminders",
            run: |state| {
                Box::pin(async move {
                    crate::features::tka::workers::send_expiry_reminders(&state).await
                })
            },
        },
    ]
}

/// A name for this process in `job_runs` (which instance ran what).
pub fn instance_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "dnaker".into());
    format!("{host}-{}", &crate::server::pii::new_token()[..6])
}

/// Runs each job not yet run today. Returns the names of the jobs this instance ran.
pub async fn run_due(state: &AppState, instance: &str) -> Result<Vec<&'static str>, AppError> {
    let now = state.clock.now_ms();
    let today = calendar::format_date(calendar::wib_date(now));
    let mut ran = Vec::new();
    for job in all() {
        let claimed = sqlx::query(
            "INSERT INTO job_runs (job, run_on, instance, started_at_ms) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (job, run_on) DO NOTHING",
        )
        .bind(job.name)
        .bind(&today)
        .bind(instance)
        .bind(now)
        .execute(&state.db.pool)
        .await?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        let result = (job.run)(state.clone()).await;
        let (outcome, detail) = match &result {
            Ok(summary) => ("ok", summary.clone()),
            Err(error) => {
                tracing::warn!(job = job.name, %error, "daily job failed");
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
        .bind(&today)
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

/// Looks for due jobs as soon as the database is ready, then every ten minutes until the process ends.
pub async fn run_scheduler(state: AppState) {
    let instance = instance_name();
    loop {
        if !state.is_migrated() {
            tokio::time::sleep(Duration::from_secs(2)).await;
            continue;
        }
        match run_due(&state, &instance).await {
            Ok(ran) if ran.is_empty() => {}
            Ok(ran) => tracing::info!(?ran, "daily jobs run"),
            Err(error) => tracing::warn!(%error, "daily jobs could not be checked"),
        }
        tokio::time::sleep(Duration::from_secs(600)).await;
    }
}
