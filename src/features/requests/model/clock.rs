//! The legal clocks of requests and notices, in working days (weekends and the holiday table excluded):
//! - a decision within N working days of a complete filing (company regulations: 30, Permenaker 28/2014;
//!   after that the regulation is deemed approved, UU 13/2003 Ps 112);
//! - a correction resubmitted within 14 working days of the correction notice;
//! - a strike or lock-out announced at least 7 working days ahead (UU 13/2003 Ps 140, Ps 148);
//! - a dismissal (PHK) notified at least 14 working days ahead, 7 in probation (PP 35/2021 Ps 37);
//! - a renewal filed at least 30 working days before the approval expires (Permenaker 28/2014), with a
//!   reminder 20 working days ahead of that last filing day;
//! - an issued document valid for the type's months from the day of issue, or until the end of the term
//!   the filing itself states (a PKB's own term, UU 13/2003 Ps 123).
//!
//! Deadlines are the end (23:59:59.999 WIB) of a working day, so none falls on a weekend or holiday.
use time::Date;

use super::types::Values;
use crate::core::{
    calendar::{HolidayCalendar, WIB, end_of_wib_day_ms, parse_date, wib_date},
    months::period_end,
};

pub const PP_DECISION_WORKING_DAYS: u32 = 30;
pub const CORRECTION_WORKING_DAYS: u32 = 14;
pub const STRIKE_NOTICE_WORKING_DAYS: u32 = 7;
pub const LOCKOUT_NOTICE_WORKING_DAYS: u32 = 7;
pub const PHK_NOTICE_WORKING_DAYS: u32 = 14;
pub const PHK_PROBATION_NOTICE_WORKING_DAYS: u32 = 7;
/// A worker objects to a PHK notice within this many working days (then bipartite talks start).
pub const PHK_OBJECTION_WORKING_DAYS: u32 = 7;
/// A renewal is filed at least this many working days before the approval expires (Permenaker 28/2014).
pub const RENEWAL_LEAD_WORKING_DAYS: u32 = 30;
/// The renewal reminder goes out this many working days before the last lawful filing day (so 50 working
/// days, about ten weeks, before expiry). Why 20: a renewed PP needs the draft revised, the worker
/// representatives (or the union) consulted on it and the text signed before it is filed (Permenaker
/// 28/2014); four working weeks leave room for that and for a correction round, where a reminder on the
/// last day itself would leave none.
pub const RENEWAL_REMINDER_LEAD_WORKING_DAYS: u32 = 20;

/// When the office must have decided a filing received at `filed_ms` (epoch ms): the end of the
/// `working_days`-th working day after the WIB date of receipt ("sejak naskah diterima"). Unlike the
/// one-working-day service promise there is no 16:00 cut-off: a legal clock counts from the date.
pub fn decision_due_ms(cal: &HolidayCalendar, filed_ms: i64, working_days: u32) -> i64 {
    let due = cal.add_working_days(wib_date(filed_ms), working_days);
    end_of_wib_day_ms(due.midnight().assume_offset(WIB).unix_timestamp() * 1000)
}

/// Whether a filing whose decision was due at `due_ms` is deemed approved at `now_ms` (the office was
/// silent past its last day).
pub fn deemed_approved(due_ms: i64, now_ms: i64) -> bool {
    now_ms > due_ms
}

/// The first instant the deemed approval of a decision due at `due_ms` may be issued: 00:00 WIB of the
/// working day after the last one of the period (working day N+1). A period whose last day is a Friday is
/// deemed approved on Monday (or later, past holidays), never over the weekend: the office's period has
/// run out on Saturday, but working day 31 has not begun.
pub fn deemed_issue_from_ms(cal: &HolidayCalendar, due_ms: i64) -> i64 {
    let day = cal.next_working_day(wib_date(due_ms));
    day.midnight().assume_offset(WIB).unix_timestamp() * 1000
}

/// The daily job's cut-off at `now_ms`: a decision due before this instant has reached working day N+1.
/// That is 00:00 WIB of the latest working day on or before today (WIB); a due day before it has its next
/// working day on or before today. Equivalent to `deemed_issue_from_ms(cal, due) <= now_ms`, as one bound
/// for the job's query.
pub fn deemed_cutoff_ms(cal: &HolidayCalendar, now_ms: i64) -> i64 {
    let mut day = wib_date(now_ms);
    while !cal.is_working_day(day) {
        match day.previous_day() {
            Some(previous) => day = previous,
            None => break,
        }
    }
    day.midnight().assume_offset(WIB).unix_timestamp() * 1000
}

/// The earliest day a strike, lock-out or dismissal may start when announced on `notified`: at least `lead`
/// working days later.
pub fn earliest_start(cal: &HolidayCalendar, notified: Date, lead: u32) -> Date {
    cal.add_working_days(notified, lead)
}

/// Whether `start` is announced early enough.
pub fn notice_in_time(cal: &HolidayCalendar, notified: Date, start: Date, lead: u32) -> bool {
    start >= earliest_start(cal, notified, lead)
}

/// The notice a dismissal needs: 14 working days, 7 in probation.
pub fn phk_lead(probation: bool) -> u32 {
    if probation {
        PHK_PROBATION_NOTICE_WORKING_DAYS
    } else {
        PHK_NOTICE_WORKING_DAYS
    }
}

/// The working day `count` working days before `day` (weekends and holidays skipped).
fn working_days_before(cal: &HolidayCalendar, day: Date, count: u32) -> Date {
    let mut day = day;
    let mut counted = 0;
    while counted < count {
        match day.previous_day() {
            Some(previous) => day = previous,
            None => return day,
        }
        if cal.is_working_day(day) {
            counted += 1;
        }
    }
    day
}

/// The last day a renewal may lawfully be filed: 30 working days before `expires`.
pub fn renewal_last_filing_day(cal: &HolidayCalendar, expires: Date) -> Date {
    working_days_before(cal, expires, RENEWAL_LEAD_WORKING_DAYS)
}

/// The day the renewal reminder goes out: 20 working days before the last filing day, a working day.
pub fn renewal_reminder_day(cal: &HolidayCalendar, expires: Date) -> Date {
    working_days_before(
        cal,
        renewal_last_filing_day(cal, expires),
        RENEWAL_REMINDER_LEAD_WORKING_DAYS,
    )
}

/// Until when an issued document is valid: a filing that states its own term (`term_end`, a PKB: UU
/// 13/2003 Ps 123) until the end of that term; otherwise `validity_months` from the day of issue (a PP: 2
/// years, Ps 111(3)); `None` for documents without a validity (0 months).
pub fn valid_until(values: &Values, issued: Date, validity_months: i64) -> Option<Date> {
    if let Some(term_end) = values.get("term_end").and_then(|v| parse_date(v)) {
        return Some(term_end);
    }
    // Through the day before the same date that many months on (a PP issued 10 March 2026 is valid
    // through 9 March 2028: two years, not two years and a day).
    (validity_months > 0).then(|| period_end(issued, validity_months))
}

/// How far a PKB may be extended: once, by at most a year after its current end (UU 13/2003 Ps 123(2)).
pub const PKB_EXTENSION_MONTHS: i64 = 12;

/// Whether `new_end` extends a PKB ending `old_end`: later than it, and by a year at most (the year that
/// begins the day after it).
pub fn pkb_extension_in_bounds(old_end: Date, new_end: Date) -> bool {
    let Some(first_day) = old_end.next_day() else {
        return false;
    };
    new_end > old_end && new_end <= period_end(first_day, PKB_EXTENSION_MONTHS)
}

/// The longest term of a PKB: two years (UU 13/2003 Ps 123(1)).
pub const PKB_TERM_MONTHS: i64 = 24;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    fn ms(dt: time::PrimitiveDateTime) -> i64 {
        (dt.assume_offset(WIB).unix_timestamp_nanos() / 1_000_000) as i64
    }

    /// 2026: Idulfitri joint leave around 20-24 March; 17 August (Monday) is a holiday.
    fn calendar() -> HolidayCalendar {
        HolidayCalendar::new([
            date!(2026 - 03 - 19),
            date!(2026 - 03 - 20),
            date!(2026 - 03 - 23),
            date!(2026 - 03 - 24),
            date!(2026 - 08 - 17),
        ])
    }

    #[test]
    fn deemed_approval_on_working_day_31() {
        let cal = HolidayCalendar::default();
        // Filed Monday 2 November 2026 at 09:00 WIB: the count starts the next day, so 30 working days
        // (six weeks) is Monday 14 December; deemed approved from Tuesday 15 December, working day 31.
        let filed = ms(datetime!(2026-11-02 09:00));
        let due = decision_due_ms(&cal, filed, PP_DECISION_WORKING_DAYS);
        assert_eq!(wib_date(due), date!(2026 - 12 - 14));
        assert_eq!(due, end_of_wib_day_ms(ms(datetime!(2026-12-14 08:00))));
        assert!(!deemed_approved(due, ms(datetime!(2026-12-14 23:59))));
        assert!(deemed_approved(due, ms(datetime!(2026-12-15 00:00))));
        assert_eq!(
            cal.working_days_between(date!(2026 - 11 - 02), date!(2026 - 12 - 15)),
            31
        );
    }

    #[test]
    fn a_period_ending_on_a_friday_is_deemed_approved_on_monday_not_the_weekend() {
        let cal = calendar();
        // Filed Friday 6 November 2026: the 30th working day is Friday 18 December. The job running on
        // Saturday 19 or Sunday 20 December must not issue; working day 31 begins Monday 21 December.
        let due = decision_due_ms(&cal, ms(datetime!(2026-11-06 10:00)), 30);
        assert_eq!(wib_date(due), date!(2026 - 12 - 18));
        assert_eq!(
            deemed_issue_from_ms(&cal, due),
            ms(datetime!(2026-12-21 00:00))
        );
        for job in [
            datetime!(2026-12-19 00:05),
            datetime!(2026-12-19 12:00),
            datetime!(2026-12-20 23:59),
        ] {
            assert!(due >= deemed_cutoff_ms(&cal, ms(job)), "{job}");
        }
        assert!(due < deemed_cutoff_ms(&cal, ms(datetime!(2026-12-21 00:05))));
        // A holiday on the Monday moves it to Tuesday: 17 August 2026. Period due Friday 14 August.
        let due = end_of_wib_day_ms(ms(datetime!(2026-08-14 10:00)));
        assert_eq!(
            deemed_issue_from_ms(&cal, due),
            ms(datetime!(2026-08-18 00:00))
        );
        assert!(due >= deemed_cutoff_ms(&cal, ms(datetime!(2026-08-17 09:00))));
        assert!(due < deemed_cutoff_ms(&cal, ms(datetime!(2026-08-18 00:01))));
    }

    #[test]
    fn a_pkb_is_extended_by_at_most_a_year_after_its_end() {
        let end = date!(2027 - 03 - 31);
        assert!(pkb_extension_in_bounds(end, date!(2027 - 04 - 01)));
        assert!(pkb_extension_in_bounds(end, date!(2028 - 03 - 31)));
        assert!(!pkb_extension_in_bounds(end, date!(2028 - 04 - 01)));
        assert!(!pkb_extension_in_bounds(end, end));
        assert!(!pkb_extension_in_bounds(end, date!(2027 - 01 - 01)));
        // From the last day of February in a leap year, 12 months on is the last day of February.
        assert!(pkb_extension_in_bounds(
            date!(2028 - 02 - 29),
            date!(2029 - 02 - 28)
        ));
        assert!(!pkb_extension_in_bounds(
            date!(2028 - 02 - 29),
            date!(2029 - 03 - 01)
        ));
        // From 28 February 2027 the year of extension runs 1 March 2027 – 29 February 2028.
        assert!(pkb_extension_in_bounds(
            date!(2027 - 02 - 28),
            date!(2028 - 02 - 29)
        ));
        assert!(!pkb_extension_in_bounds(
            date!(2027 - 02 - 28),
            date!(2028 - 03 - 01)
        ));
        assert!(!pkb_extension_in_bounds(Date::MAX, Date::MAX));
    }

    #[test]
    fn the_legal_clock_counts_from_the_date_of_receipt_without_a_cut_off() {
        let cal = HolidayCalendar::default();
        // Friday 6 November 2026 at 17:00 and Saturday 7 November: 30 working days from that date,
        // not from the next working day as the 16:00 service cut-off would have it.
        let friday = ms(datetime!(2026-11-06 17:00));
        assert_eq!(
            wib_date(decision_due_ms(&cal, friday, 30)),
            cal.add_working_days(date!(2026 - 11 - 06), 30)
        );
        assert_eq!(
            wib_date(decision_due_ms(&cal, friday, 30)),
            date!(2026 - 12 - 18)
        );
        let saturday = ms(datetime!(2026-11-07 10:00));
        assert_eq!(
            wib_date(decision_due_ms(&cal, saturday, 30)),
            date!(2026 - 12 - 18)
        );
    }

    #[test]
    fn holidays_push_the_decision_back() {
        let cal = calendar();
        // Filed Monday 16 March: four holidays fall inside, so the 30th working day moves four days on.
        let filed = ms(datetime!(2026-03-16 10:00));
        let plain = decision_due_ms(&HolidayCalendar::default(), filed, 30);
        let due = decision_due_ms(&cal, filed, 30);
        assert_eq!(wib_date(plain), date!(2026 - 04 - 27));
        assert_eq!(wib_date(due), date!(2026 - 05 - 01));
    }

    #[test]
    fn the_correction_window_is_14_working_days() {
        let cal = calendar();
        // A correction notice on Monday 10 August 2026 at 10:00: the 14 working days run from 11 August;
        // 17 August is a holiday, so they end on Monday 31 August, not Friday 28 August.
        let notice = ms(datetime!(2026-08-10 10:00));
        let due = decision_due_ms(&cal, notice, CORRECTION_WORKING_DAYS);
        assert_eq!(wib_date(due), date!(2026 - 08 - 31));
        assert_eq!(
            wib_date(decision_due_ms(
                &HolidayCalendar::default(),
                notice,
                CORRECTION_WORKING_DAYS
            )),
            date!(2026 - 08 - 28)
        );
    }

    #[test]
    fn strikes_and_lockouts_need_7_working_days_across_a_holiday() {
        let cal = calendar();
        // Notified Wednesday 12 August; 17 August is a holiday: the 7th working day after is 24 August.
        let notified = date!(2026 - 08 - 12);
        assert_eq!(
            earliest_start(&cal, notified, STRIKE_NOTICE_WORKING_DAYS),
            date!(2026 - 08 - 24)
        );
        assert!(notice_in_time(
            &cal,
            notified,
            date!(2026 - 08 - 24),
            STRIKE_NOTICE_WORKING_DAYS
        ));
        assert!(!notice_in_time(
            &cal,
            notified,
            date!(2026 - 08 - 21),
            LOCKOUT_NOTICE_WORKING_DAYS
        ));
        // Without the holiday, Friday 21 August would have been enough.
        assert!(notice_in_time(
            &HolidayCalendar::default(),
            notified,
            date!(2026 - 08 - 21),
            STRIKE_NOTICE_WORKING_DAYS
        ));
    }

    #[test]
    fn phk_notice_is_14_working_days_or_7_in_probation() {
        let cal = HolidayCalendar::default();
        let notified = date!(2026 - 11 - 02);
        assert_eq!(phk_lead(false), 14);
        assert_eq!(phk_lead(true), 7);
        assert_eq!(
            earliest_start(&cal, notified, phk_lead(false)),
            date!(2026 - 11 - 20)
        );
        assert_eq!(
            earliest_start(&cal, notified, phk_lead(true)),
            date!(2026 - 11 - 11)
        );
        assert!(!notice_in_time(
            &cal,
            notified,
            date!(2026 - 11 - 19),
            phk_lead(false)
        ));
        assert!(notice_in_time(
            &cal,
            notified,
            date!(2026 - 11 - 19),
            phk_lead(true)
        ));
    }

    #[test]
    fn renewal_reminders_and_validity() {
        let cal = HolidayCalendar::default();
        let expires = date!(2028 - 12 - 14);
        let last = renewal_last_filing_day(&cal, expires);
        assert_eq!(cal.working_days_between(last, expires), 30);
        // The reminder comes before the last lawful filing day, not on it: 20 working days ahead.
        let remind = renewal_reminder_day(&cal, expires);
        assert!(remind < last, "{remind} before {last}");
        assert_eq!(cal.working_days_between(remind, last), 20);
        assert_eq!(cal.working_days_between(remind, expires), 50);
        assert!(cal.is_working_day(remind));
    }

    #[test]
    fn a_pkb_is_valid_for_its_own_term_a_pp_for_its_months() {
        let mut pkb = Values::new();
        pkb.insert("term_start".into(), "2026-01-01".into());
        pkb.insert("term_end".into(), "2027-12-31".into());
        // Registered on 15 March 2026: valid until the end of its term, not 24 months from registration.
        assert_eq!(
            valid_until(&pkb, date!(2026 - 03 - 15), 24),
            Some(date!(2027 - 12 - 31))
        );
        let pp = Values::new();
        assert_eq!(
            valid_until(&pp, date!(2026 - 03 - 15), 24),
            Some(date!(2028 - 03 - 14))
        );
        assert_eq!(valid_until(&pp, date!(2026 - 03 - 15), 0), None);
    }

    proptest! {
        /// No deadline of any clock ends on a weekend or a holiday, whenever the filing arrives.
        #[test]
        fn no_deadline_on_a_non_working_day(
            filed in 1_750_000_000_000_i64..1_850_000_000_000_i64,
            days in 0u32..60,
        ) {
            let cal = calendar();
            let due = decision_due_ms(&cal, filed, days);
            prop_assert!(cal.is_working_day(wib_date(due)));
            prop_assert!(due >= filed);
            let start = earliest_start(&cal, wib_date(filed), days.max(1));
            prop_assert!(cal.is_working_day(start));
            prop_assert!(cal.is_working_day(renewal_reminder_day(&cal, wib_date(filed))));
        }
    }

    proptest! {
        #[test]
        fn the_job_cutoff_agrees_with_working_day_n_plus_1(
            due_day in 0i64..800,
            now_offset_minutes in 0i64..(40 * 24 * 60),
        ) {
            let cal = calendar();
            let base = ms(datetime!(2025-06-01 12:00));
            let due = end_of_wib_day_ms(base + due_day * 86_400_000);
            let now = due + 1 + now_offset_minutes * 60_000;
            let issued = due < deemed_cutoff_ms(&cal, now);
            prop_assert_eq!(issued, deemed_issue_from_ms(&cal, due) <= now);
            if issued {
                prop_assert!(cal.is_working_day(wib_date(deemed_issue_from_ms(&cal, due))));
            }
        }
    }
}
