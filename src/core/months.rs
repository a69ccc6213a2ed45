//! Periods in calendar months (contracts, levies, permits, validities), one rule for every feature: a
//! period of `n` months from a date ends the day before the same date `n` months later, or, when that
//! month has no such date, on its last day (six months from 31 August end on the last day of February,
//! a year from 29 February on 28 February).
use time::{Date, Month};

/// `d` plus whole calendar months, the day clamped to the month's length (31 January + 1 = 28/29 February).
pub fn add_months(d: Date, months: i64) -> Date {
    let index = i64::from(d.year()) * 12 + i64::from(u8::from(d.month())) - 1 + months;
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(d.year());
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1))
        .unwrap_or(Month::January);
    let day = d.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(d)
}

/// The last day of a period of `months` calendar months beginning on `start` (see the module).
pub fn period_end(start: Date, months: i64) -> Date {
    let same_date = add_months(start, months);
    if same_date.day() < start.day() {
        // The month has no such date: `add_months` gave its last day, which the period includes.
        same_date
    } else {
        same_date.previous_day().unwrap_or(same_date)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn periods_end_the_day_before_or_on_a_short_months_last_day() {
        for (start, months, end) in [
            (date!(2026 - 03 - 10), 24, date!(2028 - 03 - 09)),
            (date!(2026 - 01 - 01), 24, date!(2027 - 12 - 31)),
            (date!(2026 - 01 - 31), 1, date!(2026 - 02 - 28)),
            (date!(2026 - 01 - 30), 1, date!(2026 - 02 - 28)),
            (date!(2026 - 01 - 29), 1, date!(2026 - 02 - 28)),
            (date!(2026 - 01 - 28), 1, date!(2026 - 02 - 27)),
            (date!(2026 - 08 - 31), 6, date!(2027 - 02 - 28)),
            (date!(2028 - 02 - 29), 12, date!(2029 - 02 - 28)),
            (date!(2027 - 03 - 01), 12, date!(2028 - 02 - 29)),
        ] {
            assert_eq!(period_end(start, months), end, "{start} + {months}");
        }
    }

    proptest::proptest! {
        /// A period's next one begins the day after it ends, and a month lasts 28 to 31 days.
        #[test]
        fn periods_follow_each_other(days in 0i64..40_000, n in 1i64..=120) {
            let start = date!(2000 - 01 - 01) + time::Duration::days(days);
            let end = period_end(start, n);
            proptest::prop_assert!(end >= period_end(start, n - 1).max(start));
            let month = (period_end(start, 1) - start).whole_days() + 1;
            proptest::prop_assert!((28..=31).contains(&month), "{} days", month);
            let whole = (end - start).whole_days() + 1;
            proptest::prop_assert!((n * 28..=n * 31).contains(&whole));
        }
    }
}
