//! The services whose queues the dashboard watches, and the service-level figure: per month, how many
//! items were decided, how many within the one-working-day clock (`core::calendar`, weekends and holidays
//! excluded, 16:00 WIB cut-off) or the service's legal clock, and the median time taken.
use time::Date;

use crate::{
    core::calendar::{self, HolidayCalendar, parse_date},
    features::statistics::model::ServiceMonth,
};

/// A queue of the portal with a service clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    Ak1,
    CompanyVerification,
    VacancyModeration,
    Pkwt,
    Dkptka,
    /// Permits and registrations (PP/PKB, LKS Bipartit, …): the legal clock of each request type.
    Requests,
    /// Complaints: the office's own clocks of a case (verification, follow-up plan), see [`ComplaintClock`].
    Complaints,
}

impl Service {
    pub const ALL: [Service; 7] = [
        Service::Ak1,
        Service::CompanyVerification,
        Service::VacancyModeration,
        Service::Pkwt,
        Service::Dkptka,
        Service::Requests,
        Service::Complaints,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Service::Ak1 => "ak1",
            Service::CompanyVerification => "verifikasi-perusahaan",
            Service::VacancyModeration => "moderasi-lowongan",
            Service::Pkwt => "pkwt",
            Service::Dkptka => "dkptka",
            Service::Requests => "permohonan",
            Service::Complaints => "pengaduan",
        }
    }

    pub fn parse(slug: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The translation key of its name.
    pub fn key(self) -> &'static str {
        match self {
            Service::Ak1 => "statistics_svc_ak1",
            Service::CompanyVerification => "statistics_svc_company",
            Service::VacancyModeration => "statistics_svc_vacancy",
            Service::Pkwt => "statistics_svc_pkwt",
            Service::Dkptka => "statistics_svc_dkptka",
            Service::Requests => "statistics_svc_requests",
            Service::Complaints => "statistics_svc_complaints",
        }
    }

    /// The translation key of the clock the service is measured against.
    pub fn clock_key(self) -> &'static str {
        match self {
            Service::Requests => "statistics_clock_requests",
            Service::Complaints => "statistics_clock_complaints",
            _ => "statistics_clock_one_day",
        }
    }

    /// The officers' queue page of the service.
    pub fn href(self) -> &'static str {
        match self {
            Service::Ak1 => "/petugas/ak1",
            Service::CompanyVerification => "/petugas/perusahaan",
            Service::VacancyModeration => "/petugas/lowongan",
            Service::Pkwt => "/petugas/pkwt",
            Service::Dkptka => "/petugas/tka",
            Service::Requests => "/petugas/layanan",
            Service::Complaints => "/petugas/pengaduan",
        }
    }
}

/// The translation key of a service slug's name (the slug travels as text to the page).
pub fn service_key(slug: &str) -> &'static str {
    Service::parse(slug).map_or("statistics_svc_other", Service::key)
}

/// The translation key of a service slug's clock.
pub fn service_clock_key(slug: &str) -> &'static str {
    Service::parse(slug).map_or("statistics_clock_one_day", Service::clock_key)
}

/// One decided item: submitted and decided (epoch ms), and the legal deadline where the service has its
/// own clock (a request type's working days); `None` is the one-working-day promise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finished {
    pub submitted_at_ms: i64,
    pub finished_at_ms: i64,
    pub due_at_ms: Option<i64>,
}

/// Whether a decision kept its clock: the legal deadline, or else one working day.
pub fn within_clock(item: Finished, calendar: &HolidayCalendar) -> bool {
    let due = item
        .due_at_ms
        .unwrap_or_else(|| calendar.service_deadline(item.submitted_at_ms, 1));
    item.finished_at_ms <= due
}

/// "YYYY-MM" of an instant in WIB.
pub fn month_of(epoch_ms: i64) -> String {
    let day = calendar::wib_date(epoch_ms);
    format!("{:04}-{:02}", day.year(), day.month() as u8)
}

/// The per-month figures, oldest month first, over the months that had decisions.
pub fn service_months(items: &[Finished], calendar: &HolidayCalendar) -> Vec<ServiceMonth> {
    let mut by_month: std::collections::BTreeMap<String, (i64, Vec<i64>)> = Default::default();
    for item in items {
        let entry = by_month.entry(month_of(item.finished_at_ms)).or_default();
        entry.0 += i64::from(within_clock(*item, calendar));
        entry
            .1
            .push((item.finished_at_ms - item.submitted_at_ms).max(0) / 60_000);
    }
    by_month
        .into_iter()
        .map(|(month, (within, mut minutes))| {
            minutes.sort_unstable();
            ServiceMonth {
                month,
                finished: minutes.len() as i64,
                within_clock: within,
                median_minutes: median(&minutes),
            }
        })
        .collect()
}

/// The complaint clocks the office runs (`complaint_clocks.step`): verification within 3 working days and
/// the follow-up plan within 5 (PermenPANRB 62/2018, SP4N-LAPOR!). The dispute's later clocks belong to the
/// parties (bipartite, choice, answers) or to mediation, not to this queue.
pub const COMPLAINT_CLOCKS: [&str; 2] = ["verify", "plan"];

/// The officer steps that stop a complaint clock (the complaints area's `complaint_events.kind`).
pub fn complaint_clock_stops(step: &str) -> &'static [&'static str] {
    match step {
        "verify" => &["accept", "more_info", "refer", "close"],
        "plan" => &["plan", "refer", "close"],
        _ => &[],
    }
}

/// One office clock of a complaint as stored: its step, the day it (re)started, its last day (the due day
/// still counts), the day it was done, and when the case was filed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintClock {
    pub complaint_id: i64,
    pub step: String,
    pub started_on: String,
    pub due_on: String,
    pub done_on: Option<String>,
    pub filed_at_ms: i64,
}

const DAY_MS: i64 = 86_400_000;

/// 00:00 WIB of a date, in epoch ms.
pub fn wib_day_start_ms(day: Date) -> i64 {
    (i64::from(day.to_julian_day()) - 2_440_588) * DAY_MS - 7 * 3_600_000
}

impl ComplaintClock {
    /// When the clock started: the filing itself on the day the case was filed, else 00:00 WIB of the day
    /// it (re)started (after the complainant sent what was asked for, or the case was accepted).
    pub fn started_at_ms(&self) -> Option<i64> {
        parse_date(&self.started_on).map(|day| wib_day_start_ms(day).max(self.filed_at_ms))
    }

    /// The deadline: the last millisecond of the due day in WIB.
    pub fn due_at_ms(&self) -> Option<i64> {
        parse_date(&self.due_on).map(|day| wib_day_start_ms(day) + DAY_MS - 1)
    }

    /// A waiting item: (complaint, received, deadline).
    pub fn waiting(&self) -> Option<(i64, i64, Option<i64>)> {
        Some((
            self.complaint_id,
            self.started_at_ms()?,
            Some(self.due_at_ms()?),
        ))
    }

    /// A done clock as a decided item: done at the first officer step (epoch ms, sorted) that stops it on
    /// its done day after it started; else at the start of that day (the table keeps days).
    pub fn finished(&self, steps_at_ms: &[i64]) -> Option<Finished> {
        let started = self.started_at_ms()?;
        let done_on = parse_date(self.done_on.as_deref()?)?;
        let finished = steps_at_ms
            .iter()
            .copied()
            .find(|at| *at >= started && calendar::wib_date(*at) == done_on)
            .unwrap_or_else(|| wib_day_start_ms(done_on).max(started));
        Some(Finished {
            submitted_at_ms: started,
            finished_at_ms: finished,
            due_at_ms: self.due_at_ms(),
        })
    }
}

/// The median of sorted values (the lower middle's and upper middle's mean for an even count); 0 if empty.
pub fn median(sorted: &[i64]) -> i64 {
    match sorted.len() {
        0 => 0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const HOUR: i64 = 3_600_000;
    /// Friday 2026-08-14 09:00 WIB: the next working day is Tuesday the 18th (Monday the 17th is
    /// Independence Day in the calendar below).
    const FRI_0900_WIB: i64 = 1_786_672_800_000;

    fn item(submitted: i64, hours: i64) -> Finished {
        Finished {
            submitted_at_ms: submitted,
            finished_at_ms: submitted + hours * HOUR,
            due_at_ms: None,
        }
    }

    #[test]
    fn the_clock_skips_weekends_and_holidays() {
        let holidays = HolidayCalendar::new([date!(2026 - 08 - 17)]);
        assert_eq!(calendar::wib_date(FRI_0900_WIB), date!(2026 - 08 - 14));
        // Due by the end of the next working day: Tuesday 23:59 WIB, 4 days and 15 hours later.
        assert!(within_clock(item(FRI_0900_WIB, 110), &holidays));
        assert!(!within_clock(item(FRI_0900_WIB, 112), &holidays));
        // Without the holiday, Monday is the next working day.
        let plain = HolidayCalendar::default();
        assert!(within_clock(item(FRI_0900_WIB, 86), &plain));
        assert!(!within_clock(item(FRI_0900_WIB, 88), &plain));
        // A legal clock of its own replaces the one working day.
        let own = Finished {
            due_at_ms: Some(FRI_0900_WIB + 200 * HOUR),
            ..item(FRI_0900_WIB, 150)
        };
        assert!(within_clock(own, &holidays));
    }

    #[test]
    fn months_count_the_share_within_the_clock_and_the_median() {
        let holidays = HolidayCalendar::new([date!(2026 - 08 - 17)]);
        let items = [
            item(FRI_0900_WIB, 2),
            item(FRI_0900_WIB, 100),
            item(FRI_0900_WIB, 120),
            // A September decision of an August application, late.
            item(FRI_0900_WIB, 24 * 20),
        ];
        let months = service_months(&items, &holidays);
        assert_eq!(months.len(), 2);
        assert_eq!(months[0].month, "2026-08");
        assert_eq!(
            (months[0].finished, months[0].within_clock),
            (3, 2),
            "the 120-hour decision missed the clock"
        );
        assert_eq!(months[0].median_minutes, 100 * 60);
        assert_eq!(months[0].percent_within(), Some(66));
        assert_eq!(months[1].month, "2026-09");
        assert_eq!((months[1].finished, months[1].within_clock), (1, 0));
        assert_eq!(ServiceMonth::default().percent_within(), None);
        assert_eq!(median(&[1, 2, 3, 10]), 2);
    }

    fn complaint(step: &str, started: &str, due: &str, done: Option<&str>) -> ComplaintClock {
        ComplaintClock {
            complaint_id: 7,
            step: step.into(),
            started_on: started.into(),
            due_on: due.into(),
            done_on: done.map(Into::into),
            filed_at_ms: FRI_0900_WIB,
        }
    }

    #[test]
    fn a_complaint_clock_runs_from_the_filing_to_the_end_of_its_due_day() {
        let midnight = FRI_0900_WIB - 9 * HOUR;
        assert_eq!(wib_day_start_ms(date!(2026 - 08 - 14)), midnight);
        // Filed Friday: verification due in 3 working days (Thursday the 20th, Monday being a holiday).
        let verify = complaint("verify", "2026-08-14", "2026-08-20", None);
        let end_of_due_day = midnight + 7 * 24 * HOUR - 1;
        assert_eq!(
            verify.waiting(),
            Some((7, FRI_0900_WIB, Some(end_of_due_day)))
        );
        // Restarted after the complainant answered on the 18th: from that day's start, not the filing.
        let again = complaint("verify", "2026-08-18", "2026-08-21", None);
        assert_eq!(again.started_at_ms(), Some(midnight + 4 * 24 * HOUR));
        assert_eq!(
            complaint("verify", "junk", "2026-08-21", None).waiting(),
            None
        );
    }

    #[test]
    fn a_complaint_step_is_within_its_legal_clock_until_the_due_day_ends() {
        let holidays = HolidayCalendar::new([date!(2026 - 08 - 17)]);
        let accepted_thu = FRI_0900_WIB + 6 * 24 * HOUR + 6 * HOUR; // Thursday 20th 15:00 WIB
        let on_time = complaint("verify", "2026-08-14", "2026-08-20", Some("2026-08-20"));
        // An earlier step (asking for more information before the restart) does not end this run.
        let done = on_time
            .finished(&[FRI_0900_WIB - HOUR, accepted_thu])
            .expect("done");
        assert_eq!(done.submitted_at_ms, FRI_0900_WIB);
        assert_eq!(done.finished_at_ms, accepted_thu);
        assert!(within_clock(done, &holidays), "the due day still counts");
        // Six days: far past one working day, but within the complaint's own clock.
        assert!(done.finished_at_ms > holidays.service_deadline(FRI_0900_WIB, 1));
        let late = complaint("verify", "2026-08-14", "2026-08-20", Some("2026-08-21"));
        let late = late.finished(&[accepted_thu]).expect("done");
        assert_eq!(late.finished_at_ms, FRI_0900_WIB - 9 * HOUR + 7 * 24 * HOUR);
        assert!(!within_clock(late, &holidays));
        let months = service_months(&[done, late], &holidays);
        assert_eq!((months[0].finished, months[0].within_clock), (2, 1));
        assert!(
            complaint("plan", "2026-08-14", "2026-08-21", None)
                .finished(&[])
                .is_none()
        );
        assert_eq!(complaint_clock_stops("plan"), &["plan", "refer", "close"]);
        assert!(complaint_clock_stops("bipartite").is_empty());
    }

    proptest! {
        /// Every decision lands in exactly one month, and no month has more on time than it finished.
        #[test]
        fn a_share_never_exceeds_what_was_finished(offsets in proptest::collection::vec((0_i64..2_000, 0_i64..400), 0..40)) {
            let holidays = HolidayCalendar::new([date!(2026 - 08 - 17), date!(2026 - 12 - 25)]);
            let items: Vec<Finished> = offsets.iter().map(|(start, hours)| item(FRI_0900_WIB + start * HOUR, *hours)).collect();
            let months = service_months(&items, &holidays);
            prop_assert_eq!(months.iter().map(|m| m.finished).sum::<i64>(), items.len() as i64);
            for month in months {
                prop_assert!(month.within_clock <= month.finished);
            }
        }
    }
}
