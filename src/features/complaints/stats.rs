//! The officer's statistics: cases by category, status, outcome, and the registered company's district and
//! sector; per clock the median working days a step took and how many finished within their period.
use crate::{
    core::{calendar::parse_date, error::AppError},
    features::complaints::{
        model::{Clock, ComplaintStats, Count, StageStat},
        repo::stats::{self, Column, Dimension},
    },
    server::{authz::RequestCtx, reference},
};

fn counts(rows: Vec<(String, i64)>) -> Vec<Count> {
    rows.into_iter()
        .map(|(label, count)| Count { label, count })
        .collect()
}

/// The median of `values` (sorted here): the middle value, or the mean of the two middle values when the
/// count is even; `None` when empty.
pub fn median(values: &mut [i64]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
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
            let median_days = median(&mut days)?;
            Some(StageStat {
                step: clock.as_str().to_owned(),
                done: days.len() as i64,
                median_days,
                within,
            })
        })
        .collect();
    Ok(ComplaintStats {
        by_category: counts(stats::counts(&db.pool, Column::Category).await?),
        by_status: counts(stats::counts(&db.pool, Column::Status).await?),
        outcomes: counts(stats::counts(&db.pool, Column::Outcome).await?),
        by_district: counts(stats::by_company(&db.pool, Dimension::District).await?),
        by_sector: counts(stats::by_company(&db.pool, Dimension::Sector).await?),
        stages,
    })
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_two_middle_values() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7]), Some(7.0));
        assert_eq!(median(&mut [9, 1, 4]), Some(4.0));
        assert_eq!(median(&mut [1, 10]), Some(5.5));
        assert_eq!(median(&mut [3, 1, 2, 4]), Some(2.5));
    }
}
