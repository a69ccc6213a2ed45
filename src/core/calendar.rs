//! Working days in WIB, the calendar every legal clock and the one-working-day service clock count in.
//!
//! Instants travel as epoch milliseconds (UTC) so the same code runs on the server and in the browser without
//! reading a clock or a time-zone database: Indonesia's western zone has no daylight saving, so WIB is a fixed
//! UTC+7.

use time::macros::{format_description, offset};
use time::{Date, UtcOffset, Weekday};

pub const WIB: UtcOffset = offset!(+7);

const MS_PER_DAY: i64 = 86_400_000;
const WIB_OFFSET_MS: i64 = 7 * 3_600_000;
/// Julian day number of 1970-01-01, so dates map to epoch days by subtraction.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;
/// Applications received from this time of day (WIB) on are handled from the next working day.
const SAME_DAY_CUTOFF_MS: i64 = 16 * 3_600_000;

/// Weekends plus an admin-edited list of national holidays and cuti bersama days.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    /// Sorted and without duplicates, so membership and range counts are binary searches.
    holidays: Vec<Date>,
}

impl HolidayCalendar {
    pub fn new(holidays: impl IntoIterator<Item = Date>) -> Self {
        let mut holidays: Vec<Date> = holidays.into_iter().collect();
        holidays.sort_unstable();
        holidays.dedup();
        Self { holidays }
    }

    pub fn is_holiday(&self, d: Date) -> bool {
        self.holidays.binary_search(&d).is_ok()
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        !is_weekend(d) && !self.is_holiday(d)
    }

    /// The first working day strictly after `d`. Saturates at `Date::MAX`, the end of what `time` can represent,
    /// rather than panicking.
    pub fn next_working_day(&self, d: Date) -> Date {
        let mut cur = d;
        while let Some(next) = cur.next_day() {
            cur = next;
            if self.is_working_day(cur) {
                return cur;
            }
        }
        cur
    }

    /// The `n`-th working day after `d`; `d` itself need not be a working day. For `n = 0`, the working day the
    /// count would start from: `d` if it is one, else the next.
    pub fn add_working_days(&self, d: Date, n: u32) -> Date {
        if n == 0 {
            return if self.is_working_day(d) {
                d
            } else {
                self.next_working_day(d)
            };
        }
        (0..n).fold(d, |cur, _| self.next_working_day(cur))
    }

    /// Working days in `(from, to]`: how many working days a period took. Negative when `to` is before `from`,
    /// with `between(a, b) == -between(b, a)`, so a deadline in the past reads as "n working days overdue".
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let weekdays = weekdays_in(from, to);
        let lo = self.holidays.partition_point(|h| *h <= from);
        let hi = self.holidays.partition_point(|h| *h <= to);
        let weekday_holidays = self.holidays[lo..hi]
            .iter()
            .filter(|h| !is_weekend(**h))
            .count();
        weekdays - weekday_holidays as i64
    }

    /// When the one-working-day service promise falls due for an application received at `submitted_utc_ms`.
    ///
    /// The clock starts on the WIB date of submission if that is a working day and the application arrived
    /// before 16:00 WIB; otherwise it starts on the next working day, because an application filed late in the
    /// afternoon, at night, on a weekend or on a holiday cannot be handled the day it arrives. "One working day"
    /// means by the end of the next working day after the start, so the deadline is 23:59:59.999 WIB of the
    /// `working_days`-th working day after the start day (the start day itself for `working_days = 0`).
    ///
    /// Returns epoch milliseconds UTC.
    pub fn service_deadline(&self, submitted_utc_ms: i64, working_days: u32) -> i64 {
        let day = wib_date(submitted_utc_ms);
        let time_of_day = submitted_utc_ms
            .saturating_add(WIB_OFFSET_MS)
            .rem_euclid(MS_PER_DAY);
        let start = if self.is_working_day(day) && time_of_day < SAME_DAY_CUTOFF_MS {
            day
        } else {
            self.next_working_day(day)
        };
        let due = self.add_working_days(start, working_days);
        let epoch_day = i64::from(due.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY;
        (epoch_day + 1) * MS_PER_DAY - WIB_OFFSET_MS - 1
    }

    /// The first submission instant whose deadline of `working_days` is not past at `now_ms`. The deadline
    /// never decreases as the submission moves later, so an item is overdue exactly when it was submitted
    /// before this: a queue counts its overdue items in SQL (`submitted < cutoff`) instead of reading each.
    /// Searched over the year before `now_ms`; anything older is overdue (a year has working days).
    pub fn overdue_cutoff(&self, now_ms: i64, working_days: u32) -> i64 {
        let mut lo = now_ms.saturating_sub(366 * MS_PER_DAY);
        let mut hi = now_ms;
        if self.service_deadline(lo, working_days) >= now_ms {
            return lo;
        }
        // deadline(lo) < now <= deadline(hi): the deadline ends a day on or after the submission.
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.service_deadline(mid, working_days) < now_ms {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        hi
    }
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Monday to Friday dates in `(from, to]`, by whole weeks plus a short walk, so long legal periods stay cheap.
fn weekdays_in(from: Date, to: Date) -> i64 {
    let days = (to - from).whole_days();
    let mut count = days / 7 * 5;
    let mut cur = to;
    for _ in 0..days % 7 {
        if !is_weekend(cur) {
            count += 1;
        }
        cur = cur.previous_day().unwrap_or(cur);
    }
    count
}

/// The last millisecond (23:59:59.999 WIB) of the WIB day of an instant.
pub fn end_of_wib_day_ms(epoch_ms: i64) -> i64 {
    (epoch_ms
        .saturating_add(WIB_OFFSET_MS)
        .div_euclid(MS_PER_DAY)
        + 1)
        * MS_PER_DAY
        - WIB_OFFSET_MS
        - 1
}

/// The WIB calendar date of an instant. Saturates at `Date::MIN`/`Date::MAX` for instants outside the years
/// `time` represents (±9999).
pub fn wib_date(epoch_ms: i64) -> Date {
    let epoch_day = epoch_ms
        .saturating_add(WIB_OFFSET_MS)
        .div_euclid(MS_PER_DAY);
    i32::try_from(epoch_day + UNIX_EPOCH_JULIAN_DAY)
        .ok()
        .and_then(|jd| Date::from_julian_day(jd).ok())
        .unwrap_or(if epoch_day < 0 { Date::MIN } else { Date::MAX })
}

/// Parses the ISO form used in forms, URLs and CSV files ("2026-08-17"); surrounding whitespace is ignored.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    // `[year]` would also take a leading sign ("+2026-…"), which is not the documented form.
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Date::parse(s, format_description!("[year]-[month]-[day]")).ok()
}

/// Formats as "YYYY-MM-DD", the inverse of [`parse_date`] for years 0–9999.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    fn ms(dt: time::OffsetDateTime) -> i64 {
        (dt.unix_timestamp_nanos() / 1_000_000) as i64
    }

    fn end_of_wib_day(d: Date) -> i64 {
        ms(d.with_hms_milli(23, 59, 59, 999)
            .unwrap()
            .assume_offset(WIB))
    }

    /// Each case is (start, n, expected `add_working_days`).
    fn assert_adds(cal: &HolidayCalendar, cases: &[(Date, u32, Date)]) {
        for &(d, n, want) in cases {
            assert_eq!(cal.add_working_days(d, n), want, "{d} + {n}");
        }
    }

    /// Each case is (submitted at, working days, WIB date whose end is the deadline).
    fn assert_deadlines(cal: &HolidayCalendar, cases: &[(time::OffsetDateTime, u32, Date)]) {
        for &(t, n, due) in cases {
            assert_eq!(
                cal.service_deadline(ms(t), n),
                end_of_wib_day(due),
                "{t} + {n}"
            );
        }
    }

    #[test]
    fn weekends_are_not_working_days() {
        let cal = HolidayCalendar::default();
        assert!(cal.is_working_day(date!(2026 - 01 - 09))); // Friday
        assert!(!cal.is_working_day(date!(2026 - 01 - 10))); // Saturday
        assert!(!cal.is_working_day(date!(2026 - 01 - 11))); // Sunday
        assert_eq!(
            cal.next_working_day(date!(2026 - 01 - 09)),
            date!(2026 - 01 - 12)
        );
        assert_eq!(
            cal.next_working_day(date!(2026 - 01 - 10)),
            date!(2026 - 01 - 12)
        );
        assert_adds(
            &cal,
            &[
                (date!(2026 - 01 - 08), 5, date!(2026 - 01 - 15)),
                // n = 0 stays on a working day and moves off a weekend.
                (date!(2026 - 01 - 09), 0, date!(2026 - 01 - 09)),
                (date!(2026 - 01 - 10), 0, date!(2026 - 01 - 12)),
                (date!(2026 - 01 - 10), 1, date!(2026 - 01 - 12)),
            ],
        );
    }

    #[test]
    fn friday_holiday_before_weekend() {
        // Good Friday 2026 is 3 April.
        let cal = HolidayCalendar::new([date!(2026 - 04 - 03)]);
        assert!(cal.is_holiday(date!(2026 - 04 - 03)));
        assert!(!cal.is_working_day(date!(2026 - 04 - 03)));
        assert_adds(&cal, &[(date!(2026 - 04 - 02), 1, date!(2026 - 04 - 06))]);
        assert_eq!(
            cal.working_days_between(date!(2026 - 04 - 02), date!(2026 - 04 - 06)),
            1
        );
    }

    #[test]
    fn run_of_cuti_bersama() {
        // Illustrative Lebaran week: holidays and cuti bersama Wednesday to the next Tuesday.
        let cal = HolidayCalendar::new([
            date!(2026 - 03 - 24),
            date!(2026 - 03 - 18),
            date!(2026 - 03 - 19),
            date!(2026 - 03 - 20),
            date!(2026 - 03 - 21), // a holiday on a Saturday changes nothing
            date!(2026 - 03 - 23),
            date!(2026 - 03 - 19), // duplicates are harmless
        ]);
        assert_adds(
            &cal,
            &[
                (date!(2026 - 03 - 17), 1, date!(2026 - 03 - 25)),
                (date!(2026 - 03 - 17), 3, date!(2026 - 03 - 27)),
            ],
        );
        let (from, to) = (date!(2026 - 03 - 16), date!(2026 - 03 - 31));
        assert_eq!(cal.working_days_between(from, to), 6);
        assert_eq!(cal.working_days_between(to, from), -6);
    }

    #[test]
    fn year_boundary() {
        let new_year = HolidayCalendar::new([date!(2027 - 01 - 01)]);
        assert_adds(
            &new_year,
            &[(date!(2026 - 12 - 31), 1, date!(2027 - 01 - 04))],
        );
        let none = HolidayCalendar::default();
        assert_adds(&none, &[(date!(2026 - 12 - 31), 1, date!(2027 - 01 - 01))]);
    }

    #[test]
    fn leap_day_2028() {
        let cal = HolidayCalendar::default();
        assert_eq!(date!(2028 - 02 - 29).weekday(), Weekday::Tuesday);
        assert_adds(
            &cal,
            &[
                (date!(2028 - 02 - 28), 1, date!(2028 - 02 - 29)),
                (date!(2028 - 02 - 29), 1, date!(2028 - 03 - 01)),
            ],
        );
        assert_eq!(
            cal.working_days_between(date!(2028 - 02 - 25), date!(2028 - 03 - 01)),
            3
        );
    }

    #[test]
    fn between_same_day_and_weekend_spans() {
        let cal = HolidayCalendar::default();
        let fri = date!(2026 - 01 - 09);
        assert_eq!(cal.working_days_between(fri, fri), 0);
        assert_eq!(cal.working_days_between(fri, date!(2026 - 01 - 11)), 0);
        assert_eq!(cal.working_days_between(fri, date!(2026 - 01 - 12)), 1);
        assert_eq!(
            cal.working_days_between(date!(2026 - 01 - 01), date!(2026 - 12 - 31)),
            260
        );
    }

    #[test]
    fn deadline_cutoff_at_four_pm() {
        // Wednesday 7 January 2026.
        let before = datetime!(2026-01-07 15:59:59.999 +7);
        let at = datetime!(2026-01-07 16:00 +7);
        let cal = HolidayCalendar::default();
        assert_deadlines(
            &cal,
            &[
                (before, 1, date!(2026 - 01 - 08)),
                (at, 1, date!(2026 - 01 - 09)),
                (before, 0, date!(2026 - 01 - 07)),
                (at, 0, date!(2026 - 01 - 08)),
            ],
        );
        let due = ms(datetime!(2026-01-08 16:59:59.999 UTC));
        assert_eq!(cal.service_deadline(ms(before), 1), due);
    }

    #[test]
    fn deadline_for_weekend_and_holiday_submissions() {
        let cal = HolidayCalendar::new([date!(2026 - 04 - 03)]);
        assert_deadlines(
            &cal,
            &[
                // Saturday morning: the clock starts Monday, so one working day ends Tuesday.
                (datetime!(2026-01-10 09:00 +7), 1, date!(2026 - 01 - 13)),
                // Thursday after the cutoff before Good Friday: starts Monday, due Tuesday.
                (datetime!(2026-04-02 17:00 +7), 1, date!(2026 - 04 - 07)),
                // On the holiday itself, in the morning: same.
                (datetime!(2026-04-03 08:00 +7), 1, date!(2026 - 04 - 07)),
                // A legal clock of 30 working days from a Monday morning.
                (datetime!(2026-01-12 08:00 +7), 30, date!(2026 - 02 - 23)),
            ],
        );
    }

    #[test]
    fn utc_and_wib_dates_differ_after_17_utc() {
        let t = datetime!(2026-01-09 17:30 UTC); // Friday in UTC, 00:30 Saturday in WIB
        assert_eq!(wib_date(ms(t)), date!(2026 - 01 - 10));
        assert_eq!(wib_date(ms(t) - 3_600_000), date!(2026 - 01 - 09));
        assert_deadlines(
            &HolidayCalendar::default(),
            &[
                (t, 1, date!(2026 - 01 - 13)),
                // 08:30 UTC Friday is 15:30 WIB: still the same working day.
                (datetime!(2026-01-09 08:30 UTC), 1, date!(2026 - 01 - 12)),
            ],
        );
    }

    #[test]
    fn a_wib_day_ends_at_midnight_jakarta_time() {
        // 2026-11-28 23:30 WIB = 16:30 UTC; the day ends at 16:59:59.999 UTC.
        let evening = 1_795_883_400_000;
        assert_eq!(wib_date(evening), date!(2026 - 11 - 28));
        let end = end_of_wib_day_ms(evening);
        assert_eq!(end - evening, 30 * 60_000 - 1);
        assert_eq!(wib_date(end), date!(2026 - 11 - 28));
        assert_eq!(wib_date(end + 1), date!(2026 - 11 - 29));
    }

    #[test]
    fn wib_date_extremes_and_negatives() {
        assert_eq!(wib_date(0), date!(1970 - 01 - 01));
        assert_eq!(wib_date(-WIB_OFFSET_MS - 1), date!(1969 - 12 - 31));
        assert_eq!(wib_date(i64::MAX), Date::MAX);
        assert_eq!(wib_date(i64::MIN), Date::MIN);
        assert_eq!(
            HolidayCalendar::default().next_working_day(Date::MAX),
            Date::MAX
        );
    }

    #[test]
    fn date_text() {
        assert_eq!(parse_date("2026-08-17"), Some(date!(2026 - 08 - 17)));
        assert_eq!(parse_date(" 2028-02-29 "), Some(date!(2028 - 02 - 29)));
        for bad in [
            "2026-02-29",
            "2026-8-17",
            "17-08-2026",
            "2026/08/17",
            "+2026-08-17",
            "",
            "2026-08-17T00:00",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(format_date(date!(2026 - 08 - 17)), "2026-08-17");
        assert_eq!(format_date(date!(0099 - 01 - 05)), "0099-01-05");
    }

    fn any_date() -> impl Strategy<Value = Date> {
        let first = date!(1990 - 01 - 01).to_julian_day();
        let last = date!(2040 - 12 - 31).to_julian_day();
        (first..=last).prop_map(|jd| Date::from_julian_day(jd).unwrap())
    }

    /// A dense random holiday table around the generated dates, including runs and weekend holidays.
    fn any_calendar() -> impl Strategy<Value = HolidayCalendar> {
        prop::collection::vec(any_date(), 0..400).prop_map(HolidayCalendar::new)
    }

    /// Holidays packed around 2026-08 (a third of the days), so deadlines cross runs of them.
    fn dense_calendar() -> impl Strategy<Value = HolidayCalendar> {
        let first = date!(2026 - 07 - 01).to_julian_day();
        prop::collection::vec(first..first + 120, 0..40).prop_map(|days| {
            HolidayCalendar::new(
                days.into_iter()
                    .filter_map(|jd| Date::from_julian_day(jd).ok()),
            )
        })
    }

    proptest! {
        #[test]
        fn overdue_is_submitted_before_the_cutoff(
            cal in dense_calendar(),
            submitted in 1_783_000_000_000i64..1_790_000_000_000,
            now in 1_783_000_000_000i64..1_792_000_000_000,
        ) {
            let cutoff = cal.overdue_cutoff(now, 1);
            prop_assert_eq!(cal.service_deadline(submitted, 1) < now, submitted < cutoff);
        }
    }

    proptest! {
        #[test]
        fn added_days_are_working_days(cal in any_calendar(), d in any_date(), n in 1u32..400) {
            let out = cal.add_working_days(d, n);
            prop_assert!(cal.is_working_day(out));
            prop_assert!(out > d);
        }

        #[test]
        fn between_inverts_add(cal in any_calendar(), d in any_date(), n in 0u32..400) {
            let start = cal.add_working_days(d, 0);
            prop_assert!(cal.is_working_day(start));
            let end = cal.add_working_days(start, n);
            prop_assert_eq!(cal.working_days_between(start, end), i64::from(n));
            prop_assert_eq!(cal.working_days_between(end, start), -i64::from(n));
        }

        #[test]
        fn between_matches_day_by_day_count(cal in any_calendar(), a in any_date(), len in 0i64..60) {
            let b = a + time::Duration::days(len);
            let slow = (1..=len)
                .filter(|i| cal.is_working_day(a + time::Duration::days(*i)))
                .count() as i64;
            prop_assert_eq!(cal.working_days_between(a, b), slow);
        }

        #[test]
        fn deadline_is_end_of_a_working_day_after_submission(
            cal in any_calendar(),
            d in any_date(),
            ms_of_day in 0i64..MS_PER_DAY,
            n in 0u32..30,
        ) {
            let t = ms(d.midnight().assume_offset(WIB)) + ms_of_day;
            let due = cal.service_deadline(t, n);
            prop_assert!(due > t);
            prop_assert!(cal.is_working_day(wib_date(due)));
            prop_assert_ne!(wib_date(due), wib_date(due + 1));
        }

        #[test]
        fn format_parse_round_trip(d in any_date()) {
            prop_assert_eq!(parse_date(&format_date(d)), Some(d));
        }
    }
}
