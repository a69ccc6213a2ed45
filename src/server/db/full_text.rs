//! The full-text parts of the vacancy and job-seeker searches, one per backend: SQLite's FTS5 match
//! expressions and PostgreSQL's tsqueries, built from words that are letters and digits only.
use super::{Backend, SqlBuilder};

/// The full-text parts of a query: what to select FROM (in place of the plain table), a condition and a
/// newest-first order that lets the index stop early. Built from the search's words (letters and digits
/// only: `search_words` of the vacancies search), each word a prefix. Relevance is not ranked by the index:
/// `vacancies::relevance` scores the newest matches in Rust, one rule for both backends.
pub struct FullText {
    pub from: &'static str,
    pub condition: String,
    pub newest: &'static str,
}

/// `vacancies v` without full text.
pub const VACANCIES_FROM: &str = "vacancies v";

fn fts5_expression(words: &[String], any: bool) -> String {
    words
        .iter()
        .map(|word| {
            let tokens: Vec<String> = fts5_tokens(word).map(|t| format!("\"{t}\"*")).collect();
            match tokens.len() {
                // Nothing FTS5 would index (a lone vowel sign): an empty phrase, as before, no error.
                0 => format!("\"{word}\"*"),
                1 => tokens.join(""),
                _ => format!("({})", tokens.join(" ")),
            }
        })
        .collect::<Vec<_>>()
        .join(if any { " OR " } else { " " })
}

/// A search word (letters and digits to `char::is_alphanumeric`) in the tokens SQLite's `unicode61`
/// tokenizer makes of it, each then a prefix of its own: the vacancies' index keeps no positions (migration
/// 0094), and there a quoted phrase of two tokens is an error. The tokenizer keeps letters, numbers,
/// private-use characters and the combining diacritics it folds away (`remove_diacritics`, U+0300-U+0331:
/// "i̇stanbul" stays one word); it splits at other marks (the vowel signs of Indic scripts) and symbols
/// (circled letters), which Rust counts as alphabetic. A character newer than SQLite's tables is a word
/// character to it, so where the two disagree a split here loses a match, never raises an error.
fn fts5_tokens(word: &str) -> impl Iterator<Item = &str> {
    use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};
    word.split(|c: char| {
        let kept = matches!(
            c.general_category_group(),
            GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
        ) || c.general_category() == GeneralCategory::PrivateUse
            || fts5_folded_diacritic(c);
        !kept
    })
    .filter(|token| !token.is_empty())
}

/// SQLite's `sqlite3Fts5UnicodeIsdiacritic`: the combining marks `unicode61` keeps inside a token.
fn fts5_folded_diacritic(c: char) -> bool {
    const LOW: u32 = 0x08029FDF;
    const HIGH: u32 = 0x000361F8;
    match u32::from(c) {
        c @ 768..800 => LOW & (1 << (c - 768)) != 0,
        c @ 800..=817 => HIGH & (1 << (c - 800)) != 0,
        _ => false,
    }
}

fn tsquery_expression(words: &[String], any: bool, weights: &str) -> String {
    words
        .iter()
        .map(|w| format!("{w}:*{weights}"))
        .collect::<Vec<_>>()
        .join(if any { " | " } else { " & " })
}

impl Backend {
    /// Vacancies by words and filter terms. `any` (recommendations) matches any word in the title or skills;
    /// otherwise every word must appear in the title, skills or description (search). `facets` are the
    /// search's filters as index terms (migrations 0091, 0093; `vacancies::facets` builds them, letters and digits
    /// only): every group must match, by any of its terms. Words or facets, at least one. `expanded` is the
    /// words as PostgreSQL's exact lexemes (`prefix_words::expanded_prefixes`), for search only.
    pub fn vacancy_full_text(
        self,
        sql: &mut SqlBuilder,
        words: &[String],
        facets: &[Vec<String>],
        any: bool,
        expanded: Option<&str>,
    ) -> FullText {
        match self {
            Backend::Sqlite => {
                let mut parts = Vec::new();
                if !words.is_empty() {
                    let columns = if any {
                        "{title skills}"
                    } else {
                        "{title skills description}"
                    };
                    parts.push(format!("{columns} : ({})", fts5_expression(words, any)));
                }
                for group in facets {
                    let terms: Vec<String> = group.iter().map(|t| format!("\"{t}\"")).collect();
                    parts.push(format!("facets : ({})", terms.join(" OR ")));
                }
                let placeholder = sql.text(parts.join(" AND "));
                FullText {
                    // CROSS JOIN keeps the index the outer loop: the MATCH runs once, then each hit is looked
                    // up by id (a plain join let the planner re-run the MATCH per vacancy: 36 s at 100,000).
                    from: "vacancies_fts CROSS JOIN vacancies v ON v.id = vacancies_fts.rowid",
                    condition: format!("vacancies_fts MATCH {placeholder}"),
                    newest: "vacancies_fts.rowid DESC",
                }
            }
            Backend::Postgres => {
                // Migration 0093: the words and the filter terms are two tsvectors under one GIN index.
                // Neither query carries a weight for search, so the index's bitmaps need no recheck
                // against each row's stored words (read from TOAST: 400-600 ms over tens of thousands of
                // matches); the terms come first, so a newest-first walk tests the small column first.
                // Recommendations ask for weights A and B, and pay the recheck over their few matches.
                let mut conditions = Vec::new();
                if !facets.is_empty() {
                    let groups: Vec<String> = facets
                        .iter()
                        .map(|g| format!("({})", g.join(" | ")))
                        .collect();
                    let placeholder = sql.text(groups.join(" & "));
                    conditions.push(format!(
                        "v.facet_terms @@ to_tsquery('simple', {placeholder})"
                    ));
                }
                // Recommendations match the title (A) or the skills (B) only.
                if let (Some(expanded), false) = (expanded, any) {
                    // Already lexemes: a cast, not `to_tsquery`, which would stem them again.
                    let placeholder = sql.text(expanded);
                    conditions.push(format!("v.search_words @@ CAST({placeholder} AS tsquery)"));
                } else if !words.is_empty() {
                    let weights = if any { "AB" } else { "" };
                    let placeholder = sql.text(tsquery_expression(words, any, weights));
                    conditions.push(format!(
                        "v.search_words @@ to_tsquery('indonesian', {placeholder})"
                    ));
                }
                FullText {
                    from: VACANCIES_FROM,
                    condition: conditions.join(" AND "),
                    newest: "v.id DESC",
                }
            }
        }
    }

    /// Seeker profiles (`p`) whose skills or wanted positions contain any of the words.
    pub fn seeker_skills_match(self, sql: &mut SqlBuilder, words: &[String]) -> FullText {
        match self {
            Backend::Sqlite => {
                let placeholder = sql.text(fts5_expression(words, true));
                FullText {
                    from: "seeker_skills_fts CROSS JOIN seeker_profiles p ON p.account_id = seeker_skills_fts.rowid",
                    condition: format!("seeker_skills_fts MATCH {placeholder}"),
                    newest: "seeker_skills_fts.rowid DESC",
                }
            }
            Backend::Postgres => {
                let placeholder = sql.text(tsquery_expression(words, true, ""));
                FullText {
                    from: "seeker_profiles p",
                    condition: format!(
                        "p.skills_document @@ to_tsquery('indonesian', {placeholder})"
                    ),
                    newest: "p.account_id DESC",
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fts5_words_split_where_its_tokenizer_splits_and_only_there() {
        // As `vacancies::query::search_words` gives them: split at what is not alphanumeric, lower-cased.
        let words =
            |text: &str| -> Vec<String> { text.split(' ').map(str::to_lowercase).collect() };
        assert_eq!(
            super::fts5_expression(&words("operator mesin"), false),
            "\"operator\"* \"mesin\"*"
        );
        // A vowel sign and a circled letter split a word; a lone vowel sign stays an (empty) phrase.
        assert_eq!(
            super::fts5_expression(&words("किसान ⒶB ि"), true),
            "(\"क\"* \"स\"* \"न\"*) OR \"b\"* OR \"ि\"*"
        );
        // The diacritics FTS5 folds stay inside the word ("İ" lower-cases to "i" and U+0307).
        assert_eq!(
            super::fts5_expression(&words("İstanbul café x²"), false),
            "\"i\u{307}stanbul\"* \"café\"* \"x²\"*"
        );
    }
}
