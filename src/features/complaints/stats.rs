//! The officer's statistics: cases by category, status and outcome, and per clock the median working days a
//! step took and how many finished within their period.
use crate::{
    core::{calendar::parse_date, error::AppError},
    features::complaints::{
        model::{Clock, ComplaintStats, Count, StageStat},
        repo::stats::{self, Column},
    },
    server::{authz::RequestCtx, reference},
};

fn counts(rows: Vec<(String, i64)>) -> Vec<Count> {
    rows.into_iter()
        .map(|(label, count)| Count { label, count })
        .collect()
}

pub async fn load(ctx: &RequestCtx) -> Result<ComplaintStats, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let calendar = reference::holiday_calendar(db).await?;
    let finished = stats::finished_clocks(&db.pool).await?;
    let stages = Clock::ALL
        .iter()
        .filter_map(|clock| {
            let mut days: Vec<i64> = Vec::new();
            let mut within = 0;
            for (step, started, due, done) in &finished {
                if step != clock.as_str() {
                    continue;
                }
                let (Some(started), Some(due), Some(done)) =
                    (parse_date(started), parse_date(due), parse_date(done))
                else {
                    continue;
                };
                days.push(calendar.working_days_between(started, done).max(0));
                within += i64::from(done <= due);
            }
            days.sort_unstable();
            let median = days.get(days.len() / 2).copied()?;
            Some(StageStat {
                step: clock.as_str().to_owned(),
                done: days.len() as i64,
                median_days: median,
                within,
            })
        })
        .collect();
    Ok(ComplaintStats {
        by_category: counts(stats::counts(&db.pool, Column::Category).await?),
        by_status: counts(stats::counts(&db.pool, Column::Status).await?),
        outcomes: counts(stats::counts(&db.pool, Column::Outcome).await?),
        stages,
    })
}
