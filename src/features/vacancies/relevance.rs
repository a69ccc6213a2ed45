//! How well a vacancy matches the search's words, for the "most relevant" order. One rule for both
//! backends, computed in Rust for at most the thousand newest matches (`search::newest_matches` reads their
//! texts): SQLite's bm25 first counted every phrase's documents in the whole index (40-50 ms for a broad
//! word at a million vacancies, more with filter terms), and PostgreSQL's ts_rank read every match's stored
//! words.
//!
//! A word found in the title weighs ten times one found in the description, one in the skills five times
//! (the weights bm25 and ts_rank had). Repeats add less and less (n / (n + 1) per word and field), so a
//! description that repeats a word cannot outrank a title that names it (a word stuffed into both the
//! skills and the description can, by a little: at most 6 against 5). A search word matches a word of
//! the text it begins, as the full-text index matched it ("opera" finds "operator"). A vacancy that
//! PostgreSQL's Indonesian stemmer matched through another form of the word ("bekerja" for "kerja") scores
//! nothing for that word, so it sorts after those whose text names it; so does an accented spelling
//! ("café" for "cafe"), which SQLite's index folds and this rule does not.

const TITLE: f64 = 10.0;
const SKILLS: f64 = 5.0;
const DESCRIPTION: f64 = 1.0;

/// The relevance of a vacancy's texts to the search words (lower-cased letters and digits, as
/// `query::search_words` gives them); higher is better, 0 when no word is found.
pub fn score(words: &[String], title: &str, skills: &str, description: &str) -> f64 {
    TITLE * field(words, title)
        + SKILLS * field(words, skills)
        + DESCRIPTION * field(words, description)
}

fn field(words: &[String], text: &str) -> f64 {
    let text = text.to_lowercase();
    let mut hits = vec![0u32; words.len()];
    for token in text.split(|c: char| !c.is_alphanumeric()) {
        if token.is_empty() {
            continue;
        }
        for (word, hit) in words.iter().zip(hits.iter_mut()) {
            if token.starts_with(word.as_str()) {
                *hit += 1;
            }
        }
    }
    hits.iter()
        .map(|&n| f64::from(n) / (f64::from(n) + 1.0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<String> {
        crate::features::vacancies::query::search_words(text)
    }

    #[test]
    fn the_title_outranks_the_skills_and_the_skills_the_description() {
        let q = words("operator");
        let title = score(&q, "Operator Mesin", "las", "pabrik plastik");
        let skills = score(&q, "Staf Produksi", "operator forklift", "pabrik plastik");
        let description = score(&q, "Staf Produksi", "las", "membantu operator mesin");
        assert!(title > skills && skills > description && description > 0.0);
        assert_eq!(score(&q, "Kasir", "melayani", "toko"), 0.0);
    }

    #[test]
    fn words_match_as_prefixes_and_ignore_case() {
        let q = words("OPERA mes");
        assert!(score(&q, "operator mesin", "", "") > score(&q, "operator", "", ""));
        assert_eq!(
            score(&q, "koperasi", "", ""),
            0.0,
            "a prefix of the word, not a substring"
        );
    }

    #[test]
    fn repeats_in_the_description_never_beat_a_title() {
        let q = words("gudang");
        let repeated = "gudang ".repeat(500);
        assert!(score(&q, "Staf Gudang", "", "") > score(&q, "Staf", "", &repeated));
    }

    proptest! {
        /// One more occurrence of a search word, in any field, never lowers the score.
        #[test]
        fn another_occurrence_never_lowers_the_score(
            title in "[a-z ]{0,40}", skills in "[a-z ]{0,40}", description in "[a-z ]{0,80}",
            word in "[a-z]{1,6}", field in 0usize..3,
        ) {
            let q = vec![word.clone()];
            let before = score(&q, &title, &skills, &description);
            let mut texts = [title, skills, description];
            texts[field].push(' ');
            texts[field].push_str(&word);
            let after = score(&q, &texts[0], &texts[1], &texts[2]);
            prop_assert!(after > before);
        }
    }
}
