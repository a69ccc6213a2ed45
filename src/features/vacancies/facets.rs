//! The search's filters as terms of the full-text index (migrations 0091 and 0093 write the same terms for
//! every vacancy): the index intersects them with the words, so a word and a filter that rarely meet cost what
//! their few common matches cost, not a test of every match of the word (300–800 ms at a million
//! vacancies). The search still applies each filter exactly; the terms only narrow what it reads.
use crate::features::vacancies::query::SearchQuery;

/// Wage bands in millions of rupiah: a vacancy paying up to W carries `g<N>` for every band N ≤ W.
/// Migration 0091 lists the same bands.
pub const WAGE_BANDS_MILLION: [i64; 14] = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30];

/// A term: the prefix and the value's ASCII letters and digits, lower-cased (what the index keeps of
/// `36.03.01` or `D4_S1`).
fn term(prefix: char, value: &str) -> String {
    std::iter::once(prefix)
        .chain(
            value
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        )
        .collect()
}

/// The band term a minimum wage can use: the highest band at or under it (none under the first band).
pub fn wage_term(min_wage_idr: i64) -> Option<String> {
    WAGE_BANDS_MILLION
        .iter()
        .rev()
        .find(|band| **band * 1_000_000 <= min_wage_idr)
        .map(|band| format!("g{band}"))
}

/// The query's filters as groups of terms, each group matched by any of its terms. `education_codes` are
/// the levels the education filter admits (those ranked at or under the chosen one). `None` when a group
/// is empty: nothing can match (an unknown education level).
pub fn groups(query: &SearchQuery, education_codes: &[String]) -> Option<Vec<Vec<String>>> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let single = [
        ('d', &query.district_code),
        ('k', &query.sector),
        ('o', &query.occupation),
        ('w', &query.work_time),
    ];
    for (prefix, value) in single {
        if let Some(value) = value {
            groups.push(vec![term(prefix, value)]);
        }
    }
    if query.education.is_some() {
        groups.push(education_codes.iter().map(|c| term('e', c)).collect());
    }
    if let Some(term) = query.min_wage_idr.and_then(wage_term) {
        groups.push(vec![term]);
    }
    groups
        .iter()
        .all(|group| !group.is_empty() && group.iter().all(|t| t.len() > 1))
        .then_some(groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn terms_keep_letters_and_digits() {
        assert_eq!(term('d', "36.03.01"), "d360301");
        assert_eq!(term('e', "D4_S1"), "ed4s1");
        assert_eq!(term('w', "full_time"), "wfulltime");
        assert_eq!(term('k', "\" OR x"), "korx");
    }

    #[test]
    fn an_unknown_education_level_matches_nothing() {
        let query = SearchQuery {
            education: Some("NOPE".into()),
            ..SearchQuery::default()
        };
        assert_eq!(groups(&query, &[]), None);
        let query = SearchQuery {
            district_code: Some("36.03.01".into()),
            education: Some("SMA".into()),
            ..SearchQuery::default()
        };
        assert_eq!(
            groups(&query, &["SD".into(), "SMA".into()]),
            Some(vec![
                vec!["d360301".into()],
                vec!["esd".into(), "esma".into()]
            ])
        );
    }

    #[test]
    fn the_migration_writes_the_same_wage_bands() {
        for sql in [
            include_str!("../../../migrations/sqlite/20261206000091_search_facets.sql"),
            include_str!("../../../migrations/postgres/20261206000091_search_facets.sql"),
            include_str!("../../../migrations/postgres/20261206000093_search_words_apart.sql"),
        ] {
            assert_eq!(sql.matches("THEN ' g").count(), WAGE_BANDS_MILLION.len());
            for band in WAGE_BANDS_MILLION {
                let written = format!("wage_max_idr >= {} THEN ' g{band}'", band * 1_000_000);
                assert!(sql.contains(&written), "{written}");
            }
        }
    }

    proptest! {
        /// The band a minimum wage asks for is carried by every vacancy paying at least that wage (the
        /// exact filter then drops those between the band and the wage).
        #[test]
        fn the_wage_term_admits_every_vacancy_paying_enough(min in 0i64..60_000_000, paid in 0i64..60_000_000) {
            let carried = |band: i64| paid >= band * 1_000_000;
            if let Some(term) = wage_term(min) {
                let band: i64 = term[1..].parse().expect("band");
                prop_assert!(band * 1_000_000 <= min);
                if paid >= min {
                    prop_assert!(carried(band));
                }
            } else {
                prop_assert!(min < WAGE_BANDS_MILLION[0] * 1_000_000);
            }
        }
    }
}
