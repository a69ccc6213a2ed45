//! The services whose queues the dashboard watches, and the service-level figure: per month, how many
//! items were decided, how many within the one-working-day clock (`core::calendar`, weekends and holidays
//! excluded, 16:00 WIB cut-off), and the median time taken.
use crate::{
    core::calendar::{self, HolidayCalendar},
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
}

impl Service {
    pub const ALL: [Service; 6] = [
        Service::Ak1,
        Service::CompanyVerification,
        Service::VacancyModeration,
        Service::Pkwt,
        Service::Dkptka,
        Service::Requests,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Service::Ak1 => "ak1",
            Service::CompanyVerification => "verifikasi-perusahaan",
            Service::VacancyModeration => "moderasi-lowongan",
            Service::Pkwt => "pkwt",
            Service::Dkptka => "dkptka",
            Service::Requests => "permohonan",
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
        }
    }
}

/// The translation key of a service slug's name (the slug travels as text to the page).
pub fn service_key(slug: &str) -> &'static str {
    Service::parse(slug).map_or("statistics_svc_other", Service::key)
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
