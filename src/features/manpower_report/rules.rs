//! The warnings the office cares about and the report's due dates, as pure functions.
//!
//! Warnings never refuse a report (the counts do, in `model.rs`); the company confirms them:
//! - the lowest wage paid below the UMK of the year (the UMK read as PKWT reads it: that year's, else the
//!   latest earlier one the office has entered);
//! - 10 or more workers and no company regulation (PP) or collective agreement (PKB) (UU 13/2003 art. 108);
//! - 100 or more workers and no P2K3 committee (Permenaker 04/1987);
//! - fewer workers with a disability than the 1% of UU 8/2016 art. 53(2) for private employers. One
//!   percent is counted in whole persons, rounded down: the first such worker is owed at 100 workers, two at
//!   200. A fraction of a person cannot be employed, and rounding up would ask a five-person shop for a
//!   fifth of its staff — so below 100 workers there is no shortfall to warn about;
//! - BPJS Ketenagakerjaan or Kesehatan enrolment below the workforce (UU 24/2011).
use time::{Date, Duration, Month};

use super::model::{Figures, ReportForm, ticked};
use crate::core::{i18n::with_values, money::Rupiah};

pub const REGULATION_FROM: i64 = 10;
pub const P2K3_FROM: i64 = 100;
/// Days after founding, reopening or moving (and before closing or moving) within which to report.
pub const EVENT_DAYS: i64 = 30;

/// The workers with a disability a private employer of `total` workers must have (1%, rounded down).
pub fn disability_quota(total: i64) -> i64 {
    total.max(0) / 100
}

/// The warnings of a report that passed its check, as message keys with values.
pub fn warnings(form: &ReportForm, figures: &Figures, umk: Option<(i32, i64)>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((year, umk)) = umk
        && figures.total > 0
        && figures.lowest_wage < umk
    {
        out.push(with_values(
            "manpower_warn_umk",
            &[
                ("wage", &Rupiah(figures.lowest_wage).to_string()),
                ("umk", &Rupiah(umk).to_string()),
                ("year", &year.to_string()),
            ],
        ));
    }
    if figures.total >= REGULATION_FROM && !form.has_regulation() {
        out.push("manpower_warn_regulation".to_owned());
    }
    if figures.total >= P2K3_FROM && !ticked(&form.p2k3) {
        out.push("manpower_warn_p2k3".to_owned());
    }
    let quota = disability_quota(figures.total);
    if figures.disability < quota {
        out.push(with_values(
            "manpower_warn_disability",
            &[
                ("quota", &quota.to_string()),
                ("count", &figures.disability.to_string()),
            ],
        ));
    }
    if figures.bpjs_tk < figures.total || figures.bpjs_kes < figures.total {
        out.push(with_values(
            "manpower_warn_bpjs",
            &[
                ("tk", &figures.bpjs_tk.to_string()),
                ("kes", &figures.bpjs_kes.to_string()),
                ("total", &figures.total.to_string()),
            ],
        ));
    }
    out
}

/// What starts a report's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// Founded, reopened or moved in on the day: due 30 days after.
    Founded(Date),
    Reopened(Date),
    Moved(Date),
    /// The last report was made on the day: due a year after.
    Yearly(Date),
    /// Closing or moving out planned on the day: due 30 days before.
    Closing(Date),
    MovingOut(Date),
}

/// The last day to report for a trigger.
pub fn due_date(trigger: Trigger) -> Date {
    match trigger {
        Trigger::Founded(day) | Trigger::Reopened(day) | Trigger::Moved(day) => {
            day + Duration::days(EVENT_DAYS)
        }
        Trigger::Yearly(day) => one_year_after(day),
        Trigger::Closing(day) | Trigger::MovingOut(day) => day - Duration::days(EVENT_DAYS),
    }
}

/// The same day a year later; 29 February becomes 28 February.
pub fn one_year_after(day: Date) -> Date {
    let year = day.year() + 1;
    Date::from_calendar_date(year, day.month(), day.day())
        .or_else(|_| Date::from_calendar_date(year, Month::February, 28))
        .unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;

    fn figures(total: i64) -> Figures {
        Figures {
            total,
            disability: total / 100,
            lowest_wage: 5_500_000,
            bpjs_tk: total,
            bpjs_kes: total,
        }
    }

    fn form(regulation: bool, p2k3: bool) -> ReportForm {
        ReportForm {
            regulation_kind: if regulation { "pp" } else { "none" }.into(),
            p2k3: crate::features::manpower_report::model::tick(p2k3),
            ..ReportForm::default()
        }
    }

    fn keys(list: &[String]) -> Vec<&str> {
        list.iter()
            .map(|w| w.split('|').next().unwrap_or_default())
            .collect()
    }

    #[test]
    fn due_dates_follow_the_event() {
        assert_eq!(
            due_date(Trigger::Founded(date!(2026 - 01 - 10))),
            date!(2026 - 02 - 09)
        );
        assert_eq!(
            due_date(Trigger::Reopened(date!(2026 - 12 - 15))),
            date!(2027 - 01 - 14)
        );
        assert_eq!(
            due_date(Trigger::Moved(date!(2026 - 03 - 01))),
            date!(2026 - 03 - 31)
        );
        assert_eq!(
            due_date(Trigger::Yearly(date!(2025 - 06 - 30))),
            date!(2026 - 06 - 30)
        );
        assert_eq!(
            due_date(Trigger::Yearly(date!(2024 - 02 - 29))),
            date!(2025 - 02 - 28)
        );
        assert_eq!(
            due_date(Trigger::Closing(date!(2026 - 08 - 31))),
            date!(2026 - 08 - 01)
        );
        assert_eq!(
            due_date(Trigger::MovingOut(date!(2026 - 03 - 15))),
            date!(2026 - 02 - 13)
        );
    }

    #[test]
    fn the_umk_warning_names_the_wage_and_the_umk() {
        let low = Figures {
            lowest_wage: 4_900_000,
            ..figures(20)
        };
        let list = warnings(&form(true, true), &low, Some((2026, 5_210_377)));
        assert_eq!(keys(&list), vec!["manpower_warn_umk"]);
        assert!(list[0].contains("Rp 5.210.377") && list[0].contains("year=2026"));
        // At the UMK, or with no UMK entered, no warning.
        let at = Figures {
            lowest_wage: 5_210_377,
            ..figures(20)
        };
        assert!(warnings(&form(true, true), &at, Some((2026, 5_210_377))).is_empty());
        assert!(warnings(&form(true, true), &low, None).is_empty());
    }

    #[test]
    fn regulation_and_p2k3_thresholds() {
        assert!(warnings(&form(false, false), &figures(9), None).is_empty());
        assert_eq!(
            keys(&warnings(&form(false, false), &figures(10), None)),
            vec!["manpower_warn_regulation"]
        );
        assert!(warnings(&form(true, false), &figures(99), None).is_empty());
        assert_eq!(
            keys(&warnings(&form(true, false), &figures(100), None)),
            vec!["manpower_warn_p2k3"]
        );
    }

    #[test]
    fn the_disability_quota_is_one_percent_rounded_down() {
        assert_eq!(disability_quota(0), 0);
        assert_eq!(disability_quota(99), 0);
        assert_eq!(disability_quota(100), 1);
        assert_eq!(disability_quota(250), 2);
        let short = Figures {
            disability: 1,
            ..figures(200)
        };
        let list = warnings(&form(true, true), &short, None);
        assert_eq!(keys(&list), vec!["manpower_warn_disability"]);
        assert!(list[0].contains("quota=2"));
    }

    #[test]
    fn bpjs_enrolment_below_the_workforce_warns() {
        let short = Figures {
            bpjs_kes: 19,
            ..figures(20)
        };
        assert_eq!(
            keys(&warnings(&form(true, true), &short, None)),
            vec!["manpower_warn_bpjs"]
        );
    }

    proptest! {
        #[test]
        fn a_yearly_due_date_is_about_a_year_later(days in 0i64..20_000) {
            let day = date!(2000 - 01 - 01) + Duration::days(days);
            let due = due_date(Trigger::Yearly(day));
            let gap = (due - day).whole_days();
            prop_assert!((364..=366).contains(&gap));
        }

        #[test]
        fn the_quota_never_exceeds_one_percent(total in 0i64..10_000_000) {
            let quota = disability_quota(total);
            prop_assert!(quota * 100 <= total && (quota + 1) * 100 > total);
        }
    }
}
