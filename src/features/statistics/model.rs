//! The open tables' vocabulary shared by server and browser: the datasets and the dimensions they break
//! down by, the page's filters as they stand in the URL, small-cell suppression, age bands, and the screen
//! types of the statistics pages and the service dashboard.
use serde::{Deserialize, Serialize};
use time::Date;

/// Cells counting fewer people than this are hidden ("*"), so no one can be picked out of a table.
pub const SMALL_CELL: i64 = 5;
/// The dimension that holds each month's (and district's) total, with the category [`ALL`].
pub const TOTAL: &str = "jumlah";
pub const ALL: &str = "semua";

pub use crate::features::statistics::dataset::{COMPLAINT_CATEGORIES, Dataset, Dimension};

/// A published count: the number, or `None` when it counts 1 to 4 people ("<5"). Zero stays zero: an
/// empty cell identifies no one.
pub fn suppress(value: i64, counts_people: bool) -> Option<i64> {
    if counts_people && value > 0 && value < SMALL_CELL {
        None
    } else {
        Some(value)
    }
}

/// The cells of a group that add up to a published total (the categories of one dimension in one month
/// and district, or the months of a year), suppressed so that no hidden cell can be worked out from the
/// total: cells of 1 to 4 people are hidden, and while the hidden cells of the group are a single cell or
/// sum to fewer than 5 people, the next-smallest non-zero cell is hidden too (complementary suppression).
pub fn suppress_group(values: &[i64], counts_people: bool) -> Vec<Option<i64>> {
    let mut out: Vec<Option<i64>> = values.iter().map(|v| suppress(*v, counts_people)).collect();
    loop {
        let hidden: Vec<i64> = values
            .iter()
            .zip(&out)
            .filter(|(_, cell)| cell.is_none())
            .map(|(v, _)| *v)
            .collect();
        if hidden.is_empty() || (hidden.len() >= 2 && hidden.iter().sum::<i64>() >= SMALL_CELL) {
            return out;
        }
        let next = (0..values.len())
            .filter(|i| out[*i].is_some() && values[*i] > 0)
            .min_by_key(|i| (values[*i], *i));
        match next {
            Some(i) => out[i] = None,
            None => return out,
        }
    }
}

/// A cell as text: the number with thousands separators, or "*" where it is hidden (1 to 4 people, or
/// hidden with such a cell so that it cannot be worked out from the total).
pub fn cell_text(cell: Option<i64>) -> String {
    match cell {
        Some(value) => group_thousands(value),
        None => HIDDEN.to_owned(),
    }
}

/// How a hidden cell is shown.
pub const HIDDEN: &str = "*";

fn group_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    if value < 0 { format!("-{out}") } else { out }
}

/// The BPS five-year age bands of the working-age population; `None` under 15.
pub const AGE_BANDS: [&str; 10] = [
    "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60+",
];

/// Whole years of age on `on` for someone born on `born`.
pub fn age_on(born: Date, on: Date) -> i32 {
    let before_birthday = (on.month() as u8, on.day()) < (born.month() as u8, born.day());
    on.year() - born.year() - i32::from(before_birthday)
}

/// The age band on `on`, or `None` for someone under 15 (or born after `on`).
pub fn age_band(born: Date, on: Date) -> Option<&'static str> {
    let age = age_on(born, on);
    if age < 15 {
        return None;
    }
    let index = usize::try_from((age - 15) / 5)
        .unwrap_or(0)
        .min(AGE_BANDS.len() - 1);
    Some(AGE_BANDS[index])
}

/// The page's filters, which live in the URL (`/statistik?data=lowongan&kecamatan=36.03.01&tahun=2026`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct StatsQuery {
    pub dataset: Dataset,
    pub district: Option<String>,
    pub year: Option<i32>,
}

pub const PARAM_NAMES: [&str; 3] = ["data", "kecamatan", "tahun"];

impl StatsQuery {
    /// Reads the URL's pairs; anything malformed is dropped rather than refused (a stale link still shows
    /// the figures).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> StatsQuery {
        let mut query = StatsQuery::default();
        for (name, value) in pairs {
            let value = value.trim();
            match name {
                "data" => query.dataset = Dataset::parse(value).unwrap_or_default(),
                "kecamatan" => query.district = district_code(value),
                "tahun" => query.year = value.parse().ok().filter(|y| (2000..=2100).contains(y)),
                _ => {}
            }
        }
        query
    }

    /// The query string (without `?`) for links: the CSV download and the filters.
    pub fn to_query_string(&self) -> String {
        let mut parts = vec![format!("data={}", self.dataset.slug())];
        if let Some(district) = &self.district {
            parts.push(format!("kecamatan={district}"));
        }
        if let Some(year) = self.year {
            parts.push(format!("tahun={year}"));
        }
        parts.join("&")
    }
}

/// A district code as the reference tables spell it ("36.03.01"); anything else is no filter.
pub fn district_code(value: &str) -> Option<String> {
    (value.len() <= 16
        && !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
    .then(|| value.to_owned())
}

/// One category of a breakdown: this year's and last year's count (suppressed where small).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRow {
    pub code: String,
    pub label: String,
    pub current: Option<i64>,
    pub previous: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub dimension: Dimension,
    pub rows: Vec<CategoryRow>,
}

/// The open statistics page: the chosen table by month (this year against the last) and its breakdowns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenStatistics {
    pub query: StatsQuery,
    /// The year shown and the one it is compared with.
    pub year: i32,
    pub districts: Vec<(String, String)>,
    pub years: Vec<i32>,
    /// Twelve months of each year (None = suppressed).
    pub current: Vec<Option<i64>>,
    pub previous: Vec<Option<i64>>,
    pub total_current: Option<i64>,
    pub total_previous: Option<i64>,
    pub breakdowns: Vec<Breakdown>,
    pub refreshed_at_ms: Option<i64>,
}

/// A service's month: items decided, decided within the one-working-day clock, median minutes taken.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceMonth {
    pub month: String,
    pub finished: i64,
    pub within_clock: i64,
    pub median_minutes: i64,
}

impl ServiceMonth {
    /// The share within the clock in per cent (rounded down), none when nothing was finished.
    pub fn percent_within(&self) -> Option<i64> {
        (self.finished > 0).then(|| self.within_clock * 100 / self.finished)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLevel {
    /// A `Service` slug (see `clock.rs`).
    pub service: String,
    pub months: Vec<ServiceMonth>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLevels {
    pub services: Vec<ServiceLevel>,
    pub refreshed_at_ms: Option<i64>,
}

/// A waiting item past its deadline (the dashboard lists the oldest; part B's job alerts heads about them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueItem {
    pub service: String,
    pub id: i64,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
}

/// One queue on the officers' dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueStatus {
    pub service: String,
    /// The queue's own page.
    pub href: String,
    pub waiting: i64,
    pub overdue: i64,
    pub oldest_submitted_at_ms: Option<i64>,
    pub months: Vec<ServiceMonth>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub queues: Vec<QueueStatus>,
    /// The most overdue items first (at most 20).
    pub overdue: Vec<OverdueItem>,
    pub now_ms: i64,
    pub refreshed_at_ms: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn small_counts_of_people_are_suppressed_zero_and_vacancies_are_not() {
        assert_eq!(suppress(0, true), Some(0));
        for n in 1..5 {
            assert_eq!(suppress(n, true), None);
            assert_eq!(suppress(n, false), Some(n));
        }
        assert_eq!(suppress(5, true), Some(5));
        assert_eq!(cell_text(None), "*");
        assert_eq!(cell_text(Some(1_234_567)), "1.234.567");
        assert_eq!(cell_text(Some(999)), "999");
    }

    #[test]
    fn a_lone_small_cell_is_hidden_with_its_neighbour_so_the_total_does_not_give_it_away() {
        // Total 8: male 6, female 2. Female alone hidden would be 8 - 6 = 2.
        assert_eq!(suppress_group(&[6, 2], true), vec![None, None]);
        // Two small cells summing to 5 or more hide each other; the rest stays.
        assert_eq!(
            suppress_group(&[20, 3, 4, 0], true),
            vec![Some(20), None, None, Some(0)]
        );
        // Two small cells summing under 5 take the next-smallest with them.
        assert_eq!(
            suppress_group(&[20, 1, 2, 9], true),
            vec![Some(20), None, None, None]
        );
        assert_eq!(
            suppress_group(&[7, 0, 12], true),
            vec![Some(7), Some(0), Some(12)]
        );
        assert_eq!(suppress_group(&[2, 1], false), vec![Some(2), Some(1)]);
    }

    #[test]
    fn age_bands_follow_birthdays() {
        let born = date!(2000 - 06 - 15);
        assert_eq!(age_band(born, date!(2015 - 06 - 14)), None);
        assert_eq!(age_band(born, date!(2015 - 06 - 15)), Some("15-19"));
        assert_eq!(age_band(born, date!(2020 - 06 - 14)), Some("15-19"));
        assert_eq!(age_band(born, date!(2020 - 06 - 15)), Some("20-24"));
        assert_eq!(age_band(born, date!(2059 - 12 - 31)), Some("55-59"));
        assert_eq!(age_band(born, date!(2090 - 01 - 01)), Some("60+"));
        assert_eq!(
            age_band(date!(2004 - 02 - 29), date!(2023 - 02 - 28)),
            Some("15-19")
        );
        assert_eq!(
            age_band(date!(2004 - 02 - 29), date!(2024 - 02 - 29)),
            Some("20-24")
        );
    }

    #[test]
    fn the_query_reads_back_what_it_writes_and_drops_junk() {
        let query = StatsQuery {
            dataset: Dataset::Placements,
            district: Some("36.03.01".into()),
            year: Some(2026),
        };
        let qs = query.to_query_string();
        let pairs: Vec<(&str, &str)> = qs.split('&').filter_map(|p| p.split_once('=')).collect();
        assert_eq!(StatsQuery::from_pairs(pairs), query);
        let junk = StatsQuery::from_pairs([
            ("data", "<script>"),
            ("kecamatan", "36' OR 1=1"),
            ("tahun", "99999"),
        ]);
        assert_eq!(junk, StatsQuery::default());
    }

    proptest! {
        /// Every published cell is 0, at least 5, or hidden: never 1 to 4 people.
        #[test]
        fn no_published_cell_counts_one_to_four_people(value in 0_i64..100_000) {
            match suppress(value, true) {
                Some(shown) => prop_assert!(shown == 0 || shown >= SMALL_CELL),
                None => prop_assert!((1..SMALL_CELL).contains(&value)),
            }
        }

        /// No hidden cell of a group can be worked out from the published total and the visible cells:
        /// either the total itself is hidden, or at least two non-zero cells are hidden together,
        /// holding 5 people or more between them, and no visible cell counts 1 to 4 people.
        #[test]
        fn no_hidden_cell_can_be_recovered_from_the_margin(values in proptest::collection::vec(0_i64..30, 1..8)) {
            let total: i64 = values.iter().sum();
            let out = suppress_group(&values, true);
            let hidden: Vec<i64> = values.iter().zip(&out).filter(|(_, c)| c.is_none()).map(|(v, _)| *v).collect();
            for (value, cell) in values.iter().zip(&out) {
                if let Some(shown) = cell {
                    prop_assert_eq!(shown, value);
                    prop_assert!(*shown == 0 || *shown >= SMALL_CELL);
                }
            }
            if suppress(total, true).is_some() && !hidden.is_empty() {
                prop_assert!(hidden.len() >= 2);
                prop_assert!(hidden.iter().all(|v| *v > 0));
                prop_assert!(hidden.iter().sum::<i64>() >= SMALL_CELL);
            }
        }

        /// A band always contains the age it is given.
        #[test]
        fn the_band_contains_the_age(days in 0_i64..40_000) {
            let born = date!(1950 - 01 - 01);
            let on = born + time::Duration::days(days);
            let age = age_on(born, on);
            match age_band(born, on) {
                None => prop_assert!(age < 15),
                Some("60+") => prop_assert!(age >= 60),
                Some(band) => {
                    let (lo, hi) = band.split_once('-').unwrap_or(("0", "0"));
                    prop_assert!(lo.parse::<i32>().unwrap_or(-1) <= age && age <= hi.parse::<i32>().unwrap_or(-1));
                }
            }
        }
    }
}
