//! The report year and every due date of a company's manpower report (UU 7/1981), as pure functions shared
//! by the page, the officers' compliance page and the daily job `wlkp_due_reminders`:
//! - the report year: the company picks last year or this year; by default last year (the yearly report
//!   describes the year that ended), or this year for a company the portal first knew this year;
//! - the yearly due date: a year after the *first* submitted version of the latest report year (a
//!   correction is a new version of the same report and does not move the clock), else 30 days after the
//!   company was first known (its founding report);
//! - the events a company declares (Ps 8): a move (a report 30 days before it, and another within 30 days
//!   after), a closing (30 days before) and a reopening (within 30 days after). An event's due date is met
//!   by a report with the matching reason filed in the year up to the event day (before-type) or in the
//!   year from the event day (after-type). An event more than a year past is no longer followed.
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use super::rules::{Trigger, due_date};

/// The events a company declares on the report page.
pub const EVENT_KINDS: [&str; 3] = ["moving", "closing", "reopening"];
/// A report filed this many days from the event still counts for it; an event older is dropped.
const MATCH_DAYS: i64 = 365;
/// How far ahead an event may be declared.
pub const EVENT_AHEAD_DAYS: i64 = 730;

/// The report year a company files for when it does not pick one.
pub fn default_report_year(today: Date, known_since: Date) -> i32 {
    if known_since.year() >= today.year() {
        today.year()
    } else {
        today.year() - 1
    }
}

/// The years a company may report for: last year and this year.
pub fn report_years(today: Date) -> [i32; 2] {
    [today.year() - 1, today.year()]
}

/// The report year asked for (none: the default), or the error key when it is not one of
/// [`report_years`].
pub fn check_report_year(
    asked: Option<i64>,
    today: Date,
    known_since: Date,
) -> Result<i32, &'static str> {
    match asked {
        None => Ok(default_report_year(today, known_since)),
        Some(year) => report_years(today)
            .into_iter()
            .find(|y| i64::from(*y) == year)
            .ok_or("manpower_err_year"),
    }
}

/// A declared event, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub kind: String,
    pub date: String,
}

impl EventForm {
    /// The check shared by the browser and the server: a known kind, and a date from a year ago to two
    /// years ahead.
    pub fn check(&self, today: Date) -> Result<Date, crate::core::error::FieldErrors> {
        let mut errors = crate::core::error::FieldErrors::new();
        if !EVENT_KINDS.contains(&self.kind.trim()) {
            errors.add("kind", "err_choose");
        }
        let day = crate::core::calendar::parse_date(self.date.trim());
        let bounds = today - Duration::days(MATCH_DAYS)..=today + Duration::days(EVENT_AHEAD_DAYS);
        if !day.is_some_and(|d| bounds.contains(&d)) {
            errors.add("date", "manpower_err_event_date");
        }
        errors.checked()?;
        Ok(day.unwrap_or(today))
    }
}

pub use super::model::{DeclaredEvent, DueView};

/// The due dates an event sets.
pub fn event_triggers(kind: &str, day: Date) -> Vec<Trigger> {
    match kind {
        "moving" => vec![Trigger::MovingOut(day), Trigger::Moved(day)],
        "closing" => vec![Trigger::Closing(day)],
        "reopening" => vec![Trigger::Reopened(day)],
        _ => Vec::new(),
    }
}

/// The report reason that meets a due date.
pub fn reason_of(trigger: Trigger) -> &'static str {
    match trigger {
        Trigger::Founded(_) => "founding",
        Trigger::Yearly(_) => "yearly",
        Trigger::Reopened(_) => "reopening",
        Trigger::Moved(_) | Trigger::MovingOut(_) => "moving",
        Trigger::Closing(_) => "closing",
    }
}

/// A name for a due date's kind: the message key suffix and the reminder's period.
pub fn trigger_name(trigger: Trigger) -> &'static str {
    match trigger {
        Trigger::Founded(_) => "founded",
        Trigger::Yearly(_) => "yearly",
        Trigger::Reopened(_) => "reopened",
        Trigger::Moved(_) => "moved",
        Trigger::MovingOut(_) => "moving_out",
        Trigger::Closing(_) => "closing",
    }
}

/// Whether a report with `reason` filed on `filed` meets an event's due date.
pub fn meets(trigger: Trigger, reason: &str, filed: Date) -> bool {
    if reason != reason_of(trigger) {
        return false;
    }
    let window = Duration::days(MATCH_DAYS);
    match trigger {
        Trigger::Closing(day) | Trigger::MovingOut(day) => filed <= day && filed > day - window,
        Trigger::Reopened(day) | Trigger::Moved(day) => filed >= day && filed < day + window,
        Trigger::Founded(_) | Trigger::Yearly(_) => false,
    }
}

/// The yearly clock's start: the first submission of the latest report year, from (year, submitted on)
/// of every version.
pub fn yearly_anchor(versions: &[(i64, Date)]) -> Option<Date> {
    let latest = versions.iter().map(|(year, _)| *year).max()?;
    versions
        .iter()
        .filter(|(year, _)| *year == latest)
        .map(|(_, day)| *day)
        .min()
}

/// Every due date still open, earliest first: the yearly (or founding) one, then each declared event's
/// that no report met. `events`: (kind, day); `reports`: (reason, filed on).
pub fn open_dues(
    today: Date,
    known_since: Date,
    anchor: Option<Date>,
    events: &[(String, Date)],
    reports: &[(String, Date)],
) -> Vec<(Trigger, Date)> {
    let yearly = match anchor {
        Some(day) => Trigger::Yearly(day),
        None => Trigger::Founded(known_since),
    };
    let mut dues = vec![(yearly, due_date(yearly))];
    for (kind, day) in events {
        if *day + Duration::days(MATCH_DAYS) < today {
            continue;
        }
        for trigger in event_triggers(kind, *day) {
            if !reports
                .iter()
                .any(|(reason, filed)| meets(trigger, reason, *filed))
            {
                dues.push((trigger, due_date(trigger)));
            }
        }
    }
    dues.sort_by_key(|(_, due)| *due);
    dues
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_report_year_is_last_year_by_default_and_bounded() {
        let today = date!(2027 - 01 - 15);
        assert_eq!(default_report_year(today, date!(2020 - 03 - 01)), 2026);
        // First known this year: its first report is of this year.
        assert_eq!(default_report_year(today, date!(2027 - 01 - 02)), 2027);
        assert_eq!(
            check_report_year(None, today, date!(2020 - 03 - 01)),
            Ok(2026)
        );
        assert_eq!(
            check_report_year(Some(2027), today, date!(2020 - 03 - 01)),
            Ok(2027)
        );
        for bad in [2025, 2028, 0, -1] {
            assert_eq!(
                check_report_year(Some(bad), today, date!(2020 - 03 - 01)),
                Err("manpower_err_year")
            );
        }
    }

    #[test]
    fn a_correction_does_not_move_the_yearly_clock() {
        // The 2025 report filed on 10 January 2026, corrected on 20 November 2026.
        let versions = [(2025, date!(2026 - 01 - 10)), (2025, date!(2026 - 11 - 20))];
        let anchor = yearly_anchor(&versions);
        assert_eq!(anchor, Some(date!(2026 - 01 - 10)));
        let dues = open_dues(
            date!(2026 - 12 - 01),
            date!(2020 - 01 - 01),
            anchor,
            &[],
            &[],
        );
        assert_eq!(
            dues,
            vec![(
                Trigger::Yearly(date!(2026 - 01 - 10)),
                date!(2027 - 01 - 10)
            )]
        );
        // The next report year's first version starts the next clock.
        let later = [(2025, date!(2026 - 01 - 10)), (2026, date!(2027 - 01 - 05))];
        assert_eq!(yearly_anchor(&later), Some(date!(2027 - 01 - 05)));
        assert_eq!(yearly_anchor(&[]), None);
    }

    #[test]
    fn events_set_due_dates_until_a_matching_report_meets_them() {
        let today = date!(2026 - 06 - 01);
        let known = date!(2020 - 01 - 01);
        let anchor = Some(date!(2026 - 01 - 10));
        let closing = [("closing".to_owned(), date!(2026 - 07 - 11))];
        let dues = open_dues(today, known, anchor, &closing, &[]);
        assert_eq!(
            dues[0],
            (
                Trigger::Closing(date!(2026 - 07 - 11)),
                date!(2026 - 06 - 11)
            )
        );
        // A closing report filed before the closing meets it; a yearly one does not.
        let filed = [("yearly".to_owned(), date!(2026 - 06 - 05))];
        assert_eq!(open_dues(today, known, anchor, &closing, &filed).len(), 2);
        let filed = [("closing".to_owned(), date!(2026 - 06 - 05))];
        assert_eq!(open_dues(today, known, anchor, &closing, &filed).len(), 1);
        // A move: one report before (30 days ahead), one after (within 30 days).
        let moving = [("moving".to_owned(), date!(2026 - 08 - 01))];
        let dues = open_dues(today, known, anchor, &moving, &[]);
        assert!(dues.contains(&(
            Trigger::MovingOut(date!(2026 - 08 - 01)),
            date!(2026 - 07 - 02)
        )));
        assert!(dues.contains(&(Trigger::Moved(date!(2026 - 08 - 01)), date!(2026 - 08 - 31))));
        // The report before the move meets only the first.
        let before = [("moving".to_owned(), date!(2026 - 07 - 01))];
        let dues = open_dues(today, known, anchor, &moving, &before);
        assert!(
            dues.iter()
                .all(|(t, _)| !matches!(t, Trigger::MovingOut(_)))
        );
        assert!(dues.iter().any(|(t, _)| matches!(t, Trigger::Moved(_))));
        // A reopening: within 30 days after, met by a report from that day.
        let reopening = [("reopening".to_owned(), date!(2026 - 05 - 20))];
        let dues = open_dues(today, known, anchor, &reopening, &[]);
        assert_eq!(
            dues[0],
            (
                Trigger::Reopened(date!(2026 - 05 - 20)),
                date!(2026 - 06 - 19)
            )
        );
        let early = [("reopening".to_owned(), date!(2026 - 05 - 19))];
        assert_eq!(open_dues(today, known, anchor, &reopening, &early).len(), 2);
        // An event more than a year past is no longer followed.
        let old = [("closing".to_owned(), date!(2025 - 05 - 01))];
        assert_eq!(open_dues(today, known, anchor, &old, &[]).len(), 1);
    }

    #[test]
    fn a_declared_event_is_checked() {
        let today = date!(2026 - 06 - 01);
        let form = |kind: &str, date: &str| EventForm {
            kind: kind.into(),
            date: date.into(),
        };
        assert_eq!(
            form("closing", "2026-07-11").check(today),
            Ok(date!(2026 - 07 - 11))
        );
        let errors = form("bankrupt", "2030-01-01")
            .check(today)
            .expect_err("bad");
        assert_eq!(errors.get("kind"), Some("err_choose"));
        assert_eq!(errors.get("date"), Some("manpower_err_event_date"));
        assert!(form("moving", "kemarin").check(today).is_err());
    }
}
