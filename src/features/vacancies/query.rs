//! The public search's state, which lives in the URL (`/lowongan?q=…&kecamatan=…`): read from the query
//! string, cleaned (nothing typed there reaches SQL unchecked), and written back for links and pages.
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: i64 = 20;
/// Results are counted up to this many ("1000+" beyond).
pub const COUNT_CAP: i64 = 1000;
/// Pages past this are not served (deep pages of a public list are crawler traffic, not people).
pub const MAX_PAGE: i64 = 500;
/// Longer search text is cut (it is part of a cache key; eight words are searched for anyway).
pub const MAX_TEXT_CHARS: usize = 200;
pub const POSTED_WITHIN_DAYS: [i64; 3] = [1, 7, 30];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortOrder {
    /// Relevance when there are words to search for, otherwise newest.
    #[default]
    Relevance,
    Newest,
    Wage,
}

impl SortOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Relevance => "relevan",
            SortOrder::Newest => "terbaru",
            SortOrder::Wage => "upah",
        }
    }

    fn parse(text: &str) -> SortOrder {
        match text {
            "terbaru" => SortOrder::Newest,
            "upah" => SortOrder::Wage,
            _ => SortOrder::Relevance,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub text: String,
    pub district_code: Option<String>,
    pub sector: Option<String>,
    /// A KBJI major (1 digit) or sub-major (2 digits) group.
    pub occupation: Option<String>,
    /// The seeker's education: vacancies asking for at most this level.
    pub education: Option<String>,
    pub min_wage_idr: Option<i64>,
    pub work_time: Option<String>,
    pub posted_within_days: Option<i64>,
    pub sort: SortOrder,
    /// 1-based.
    pub page: i64,
}

/// The URL parameter names (Indonesian: the addresses are shared and printed).
const TEXT: &str = "q";
const DISTRICT: &str = "kecamatan";
const SECTOR: &str = "sektor";
const OCCUPATION: &str = "jabatan";
const EDUCATION: &str = "pendidikan";
const MIN_WAGE: &str = "upah_min";
const WORK_TIME: &str = "waktu";
const POSTED: &str = "sejak";
const SORT: &str = "urut";
const PAGE: &str = "hal";
pub const PARAM_NAMES: [&str; 10] = [
    TEXT, DISTRICT, SECTOR, OCCUPATION, EDUCATION, MIN_WAGE, WORK_TIME, POSTED, SORT, PAGE,
];

fn code_like(value: &str, max_len: usize) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()
        && value.len() <= max_len
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_'))
    .then(|| value.to_owned())
}

impl SearchQuery {
    /// From `(name, value)` pairs of the query string. Values that do not look right are dropped, not
    /// refused: a hand-edited or stale link still shows results.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> SearchQuery {
        let mut query = SearchQuery {
            page: 1,
            ..SearchQuery::default()
        };
        for (name, value) in pairs {
            match name {
                TEXT => {
                    query.text = value
                        .chars()
                        .take(MAX_TEXT_CHARS)
                        .collect::<String>()
                        .trim()
                        .to_owned();
                }
                DISTRICT => query.district_code = code_like(value, 13),
                SECTOR => {
                    query.sector =
                        code_like(value, 1).filter(|s| s.bytes().all(|b| b.is_ascii_uppercase()));
                }
                OCCUPATION => {
                    query.occupation =
                        code_like(value, 2).filter(|s| s.bytes().all(|b| b.is_ascii_digit()));
                }
                EDUCATION => query.education = code_like(value, 20),
                MIN_WAGE => {
                    query.min_wage_idr = crate::core::money::Rupiah::parse(value)
                        .map(|r| r.0)
                        .filter(|v| *v > 0);
                }
                WORK_TIME => {
                    query.work_time = Some(value.to_owned())
                        .filter(|v| super::model::WORK_TIMES.contains(&v.as_str()));
                }
                POSTED => {
                    query.posted_within_days = value
                        .parse()
                        .ok()
                        .filter(|d| POSTED_WITHIN_DAYS.contains(d));
                }
                SORT => query.sort = SortOrder::parse(value),
                PAGE => query.page = value.parse().unwrap_or(1).clamp(1, MAX_PAGE),
                _ => {}
            }
        }
        query
    }

    /// The query string for this search (without the leading `?`), page included when past the first.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.text.is_empty() {
            pairs.push((TEXT, self.text.clone()));
        }
        let options = [
            (DISTRICT, &self.district_code),
            (SECTOR, &self.sector),
            (OCCUPATION, &self.occupation),
            (EDUCATION, &self.education),
            (WORK_TIME, &self.work_time),
        ];
        for (name, value) in options {
            if let Some(value) = value {
                pairs.push((name, value.clone()));
            }
        }
        if let Some(wage) = self.min_wage_idr {
            pairs.push((MIN_WAGE, wage.to_string()));
        }
        if let Some(days) = self.posted_within_days {
            pairs.push((POSTED, days.to_string()));
        }
        if self.sort != SortOrder::Relevance {
            pairs.push((SORT, self.sort.as_str().to_owned()));
        }
        if self.page > 1 {
            pairs.push((PAGE, self.page.to_string()));
        }
        pairs
            .into_iter()
            .map(|(name, value)| format!("{name}={}", encode(&value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// This query under the rules a link's query string gets in [`SearchQuery::from_pairs`]: text cut
    /// to [`MAX_TEXT_CHARS`], page within `1..=MAX_PAGE`, codes checked. The search server function
    /// receives the whole struct from a POST body, so the server cleans every query here, the one
    /// place both the page and the server function pass: an unbounded page overflowed into a negative
    /// OFFSET, and an unbounded text became an unbounded cache key.
    pub fn cleaned(&self) -> SearchQuery {
        let page = self.page.to_string();
        let wage = self.min_wage_idr.map(|wage| wage.to_string());
        let days = self.posted_within_days.map(|days| days.to_string());
        let fields = [
            (TEXT, Some(self.text.as_str())),
            (DISTRICT, self.district_code.as_deref()),
            (SECTOR, self.sector.as_deref()),
            (OCCUPATION, self.occupation.as_deref()),
            (EDUCATION, self.education.as_deref()),
            (MIN_WAGE, wage.as_deref()),
            (WORK_TIME, self.work_time.as_deref()),
            (POSTED, days.as_deref()),
            (SORT, Some(self.sort.as_str())),
            (PAGE, Some(page.as_str())),
        ];
        SearchQuery::from_pairs(
            fields
                .into_iter()
                .filter_map(|(name, value)| Some((name, value?))),
        )
    }

    pub fn with_page(&self, page: i64) -> SearchQuery {
        SearchQuery {
            page,
            ..self.clone()
        }
    }

    pub fn offset(&self) -> i64 {
        (self.page.clamp(1, MAX_PAGE) - 1) * PAGE_SIZE
    }
}

/// Percent-encoding for a query-string value (RFC 3986 unreserved characters stay).
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char);
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The words of a free-text search: letters and digits only, at most eight, each at most 40 characters.
/// Both backends build their full-text query from these, so no operator syntax from the URL reaches them.
pub fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(40).collect::<String>().to_lowercase())
        .take(8)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_round_trips_and_bad_values_are_dropped() {
        let query = SearchQuery::from_pairs([
            ("q", "operator forklift"),
            ("kecamatan", "36.03.18"),
            ("sektor", "C"),
            ("jabatan", "83"),
            ("upah_min", "5.500.000"),
            ("waktu", "full_time"),
            ("sejak", "7"),
            ("urut", "upah"),
            ("hal", "3"),
        ]);
        assert_eq!(query.min_wage_idr, Some(5_500_000));
        assert_eq!(query.sort, SortOrder::Wage);
        assert_eq!(
            query.to_query_string(),
            "q=operator+forklift&kecamatan=36.03.18&sektor=C&jabatan=83&waktu=full_time&upah_min=5500000&sejak=7&urut=upah&hal=3"
        );
        let decoded: Vec<(String, String)> = query
            .to_query_string()
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.replace('+', " ")))
            .collect();
        let again = SearchQuery::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(again, query);
        let odd = SearchQuery::from_pairs([
            ("kecamatan", "'; DROP TABLE vacancies; --"),
            ("sektor", "c"),
            ("jabatan", "8x"),
            ("sejak", "5"),
            ("hal", "-4"),
            ("waktu", "always"),
        ]);
        assert_eq!(
            odd,
            SearchQuery {
                page: 1,
                ..SearchQuery::default()
            }
        );
        assert_eq!(SearchQuery::from_pairs([("hal", "99999")]).page, MAX_PAGE);
    }

    #[test]
    fn a_posted_query_is_cleaned_like_a_link() {
        let posted = SearchQuery {
            text: "las ".repeat(25_000),
            district_code: Some("'; DROP TABLE x; --".into()),
            sector: Some("C".into()),
            min_wage_idr: Some(-5),
            posted_within_days: Some(i64::MAX),
            sort: SortOrder::Wage,
            page: i64::MAX,
            ..SearchQuery::default()
        };
        let cleaned = posted.cleaned();
        assert!(cleaned.text.chars().count() <= MAX_TEXT_CHARS);
        assert_eq!(cleaned.page, MAX_PAGE);
        assert_eq!(cleaned.district_code, None);
        assert_eq!(cleaned.sector.as_deref(), Some("C"));
        assert_eq!(
            (cleaned.min_wage_idr, cleaned.posted_within_days),
            (None, None)
        );
        assert_eq!(cleaned.sort, SortOrder::Wage);
        assert_eq!(posted.offset(), (MAX_PAGE - 1) * PAGE_SIZE);
        for page in [i64::MIN, -1, 0] {
            let low = SearchQuery {
                page,
                ..SearchQuery::default()
            };
            assert_eq!((low.cleaned().page, low.offset()), (1, 0));
        }
        // A query that came from a link is already clean.
        let linked = SearchQuery::from_pairs([
            ("q", "operator forklift"),
            ("kecamatan", "36.03.18"),
            ("hal", "3"),
        ]);
        assert_eq!(linked.cleaned(), linked);
    }

    #[test]
    fn search_words_keep_letters_and_digits_only() {
        assert_eq!(
            search_words("Operator \"forklift\" OR 1=1; -- NEAR(x*)"),
            vec!["operator", "forklift", "or", "1", "1", "near", "x"]
        );
        assert_eq!(search_words("  "), Vec::<String>::new());
        assert_eq!(search_words("a b c d e f g h i j").len(), 8);
    }
}
