//! Statistics for the office: AK-1 cards issued per day and month, the median time to issue, and the share
//! issued within the one-working-day service clock.
use time::Date;

use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
    },
    features::ak1::{model::Ak1Statistics, repo},
    server::authz::RequestCtx,
};

/// One issued card: when it was (last) submitted, when it was due and when it was issued (epoch ms).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Issued {
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
    pub decided_at_ms: i64,
}

const DAYS_SHOWN: i64 = 30;
const MONTHS_SHOWN: i32 = 12;

fn month_key(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month() as u8)
}

/// The first day of the month `back` months before `today`'s month.
fn month_start(today: Date, back: i32) -> Date {
    let index = today.year() * 12 + today.month() as i32 - 1 - back;
    let month =
        time::Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(time::Month::January);
    Date::from_calendar_date(index.div_euclid(12), month, 1).unwrap_or(today)
}

/// The figures from the cards issued in the last 12 months (by WIB calendar).
pub fn summarize(cards: &[Issued], today: Date, waiting: i64, overdue: i64) -> Ak1Statistics {
    let first_month = month_start(today, MONTHS_SHOWN - 1);
    let in_range: Vec<&Issued> = cards
        .iter()
        .filter(|c| {
            let day = calendar::wib_date(c.decided_at_ms);
            day >= first_month && day <= today
        })
        .collect();
    let per_day = (0..DAYS_SHOWN)
        .rev()
        .map(|back| {
            let day = today - time::Duration::days(back);
            let count = in_range
                .iter()
                .filter(|c| calendar::wib_date(c.decided_at_ms) == day)
                .count() as i64;
            (format_date(day), count)
        })
        .collect();
    let per_month = (0..MONTHS_SHOWN)
        .rev()
        .map(|back| {
            let key = month_key(month_start(today, back));
            let count = in_range
                .iter()
                .filter(|c| month_key(calendar::wib_date(c.decided_at_ms)) == key)
                .count() as i64;
            (key, count)
        })
        .collect();
    let mut minutes: Vec<i64> = in_range
        .iter()
        .map(|c| (c.decided_at_ms - c.submitted_at_ms).max(0) / 60_000)
        .collect();
    minutes.sort_unstable();
    let median_minutes_to_issue = match minutes.len() {
        0 => None,
        n if n % 2 == 1 => Some(minutes[n / 2]),
        n => Some((minutes[n / 2 - 1] + minutes[n / 2]) / 2),
    };
    let on_time = in_range
        .iter()
        .filter(|c| c.decided_at_ms <= c.due_at_ms)
        .count() as i64;
    let issued = in_range.len() as i64;
    Ak1Statistics {
        per_day,
        per_month,
        issued,
        median_minutes_to_issue,
        within_deadline_per_mille: (issued > 0).then(|| on_time * 1000 / issued),
        waiting,
        overdue,
    }
}

pub async fn statistics(ctx: &RequestCtx) -> Result<Ak1Statistics, AppError> {
    ctx.require_staff()?;
    let now = ctx.now_ms();
    let today = calendar::wib_date(now);
    // A little over a year back; `summarize` keeps the 12 calendar months exactly.
    let since = now - 400 * 86_400_000;
    let rows = repo::issued_since(&ctx.state.db.pool, since).await?;
    let (waiting, overdue) = repo::waiting_counts(&ctx.state.db.pool, now).await?;
    let cards: Vec<Issued> = rows
        .into_iter()
        .map(|(submitted_at_ms, due_at_ms, decided_at_ms)| Issued {
            submitted_at_ms,
            due_at_ms,
            decided_at_ms,
        })
        .collect();
    Ok(summarize(&cards, today, waiting, overdue))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const HOUR: i64 = 3_600_000;
    /// 2026-11-27 08:00 WIB (a Friday) in epoch ms.
    const FRI_0800_WIB: i64 = 1_795_741_200_000;

    #[test]
    fn counts_per_day_and_month_with_median_and_share_on_time() {
        let today = date!(2026 - 11 - 28);
        let card = |submitted: i64, hours: i64, due_after_hours: i64| Issued {
            submitted_at_ms: submitted,
            decided_at_ms: submitted + hours * HOUR,
            due_at_ms: submitted + due_after_hours * HOUR,
        };
        let cards = [
            card(FRI_0800_WIB, 2, 40),
            card(FRI_0800_WIB, 4, 40),
            // Issued late: 50 hours after submission with 40 allowed (lands on Sunday 10:00 WIB).
            card(FRI_0800_WIB, 50, 40),
            // Fourteen months ago: outside every figure.
            card(FRI_0800_WIB - 425 * 24 * HOUR, 1, 40),
        ];
        let stats = summarize(&cards, today, 3, 1);
        assert_eq!(
            stats.issued, 2,
            "the late card is decided on the 29th, after today"
        );
        let stats = summarize(&cards, date!(2026 - 11 - 29), 3, 1);
        assert_eq!(stats.issued, 3);
        assert_eq!(stats.median_minutes_to_issue, Some(4 * 60));
        assert_eq!(stats.within_deadline_per_mille, Some(666));
        assert_eq!(stats.per_day.len(), 30);
        assert_eq!(stats.per_day.last(), Some(&("2026-11-29".to_owned(), 1)));
        assert_eq!(stats.per_day[28], ("2026-11-28".to_owned(), 0));
        assert_eq!(stats.per_day[27], ("2026-11-27".to_owned(), 2));
        assert_eq!(stats.per_month.len(), 12);
        assert_eq!(stats.per_month[0].0, "2025-12");
        assert_eq!(stats.per_month[11], ("2026-11".to_owned(), 3));
        assert_eq!((stats.waiting, stats.overdue), (3, 1));
    }

    #[test]
    fn no_cards_means_no_median() {
        let stats = summarize(&[], date!(2026 - 01 - 15), 0, 0);
        assert_eq!(stats.median_minutes_to_issue, None);
        assert_eq!(stats.within_deadline_per_mille, None);
        assert_eq!(stats.per_month[0].0, "2025-02");
        assert!(stats.per_day.iter().all(|(_, n)| *n == 0));
    }
}
