//! Date arithmetic of the rules: the registration deadline, calendar months and the five-year cap.
use time::Date;

use super::{MAX_TOTAL_MONTHS, Period, REGISTRATION_WORKING_DAYS};
use crate::core::calendar::HolidayCalendar;

/// True when the contract reaches Disnaker after the third working day from its signing.
pub fn is_late(holidays: &HolidayCalendar, signed: Date, registered: Date) -> bool {
    registered > holidays.add_working_days(signed, REGISTRATION_WORKING_DAYS)
}

pub use crate::core::months::add_months;

/// Days in a set of periods, overlaps counted once.
pub fn days_covered(periods: &[Period]) -> i64 {
    let mut sorted: Vec<Period> = periods.to_vec();
    sorted.sort_by_key(|p| p.start);
    let mut total = 0;
    let mut covered_until: Option<Date> = None;
    for p in sorted {
        let from = match covered_until {
            Some(until) if until >= p.start => match until.next_day() {
                Some(next) => next,
                None => continue,
            },
            _ => p.start,
        };
        if p.end >= from {
            total += (p.end - from).whole_days() + 1;
            covered_until = Some(p.end);
        }
    }
    total
}

/// Days as whole months the way people count them (a six-month contract is 6, not 5.95).
pub fn days_as_months(days: i64) -> i64 {
    (days * 12 + 182) / 365
}

/// Whether `new` fits the five years with the earlier periods: `Ok((months before, months with it))`, or
/// `Err(months before)`. The five years run from the first contract's start; gaps between contracts are
/// not counted.
pub fn check_cap(earlier: &[Period], new: Period) -> Result<(i64, i64), i64> {
    let before = days_covered(earlier);
    let mut all = earlier.to_vec();
    all.push(new);
    let first = all.iter().map(|p| p.start).min().unwrap_or(new.start);
    let limit = (add_months(first, MAX_TOTAL_MONTHS) - first).whole_days();
    let with_new = days_covered(&all);
    if with_new > limit {
        Err(days_as_months(before))
    } else {
        Ok((days_as_months(before), days_as_months(with_new)))
    }
}
