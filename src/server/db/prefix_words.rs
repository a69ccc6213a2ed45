//! PostgreSQL: a search word, which is a prefix ("operator" also finds "operatornya"), asked of the GIN
//! index as the exact lexemes it begins. GIN answers a prefix (`operator:*`) by collecting every row of every
//! lexeme it begins into one bitmap before it intersects anything ("operator mesin" with a district: 4,256
//! matches, 100-340 ms in the index alone at a million vacancies), where it skips through exact lexemes
//! guided by the rarest. The lexemes come from `vacancy_lexemes` (migration 0096), every lexeme any vacancy's
//! `search_words` has held: a superset, so the expansion matches exactly the rows the prefix matches.
use sqlx::FromRow;

use super::{Backend, Db, SqlBuilder};

/// More lexemes than this under one prefix (a short word such as "a") and the prefix is asked as it is:
/// the index would merge their lists one by one.
const MOST_LEXEMES: usize = 64;

#[derive(FromRow)]
struct Expansion {
    word: i64,
    /// `to_tsquery('indonesian', word || ':*')` as text: the node the plain search would ask.
    node: String,
    /// The word's one lexeme (its stem), if `to_tsvector` makes one.
    stem: Option<String>,
    lexeme: Option<String>,
}

/// The search's words (letters and digits only, as `search_words` makes them) as one tsquery text for
/// `search_words @@ CAST(… AS tsquery)`, each word the exact lexemes its prefix begins, or the prefix itself
/// where they are too many. `None` unless every word is one prefix node of its own stem (a word the parser
/// splits, or one the dictionary drops): then the plain `to_tsquery` is asked, so the expansion never
/// changes what a search finds. Always `None` on SQLite, whose FTS5 index walks a prefix's terms itself.
pub async fn expanded_prefixes(db: &Db, words: &[String]) -> Result<Option<String>, sqlx::Error> {
    if db.backend != Backend::Postgres || words.is_empty() {
        return Ok(None);
    }
    let mut sql = SqlBuilder::new("");
    let rows: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(n, word)| format!("({}, {})", sql.int(n as i64), sql.text(word.clone())))
        .collect();
    // The upper bound: the stem followed by 512 of the highest code point sorts (bytewise, "C") above every
    // lexeme the stem begins, as a lexeme is at most 2,047 bytes (PostgreSQL's limit).
    sql.sql = format!(
        "SELECT t.n AS word, q.node, q.stem, l.lexeme \
         FROM (VALUES {}) AS t(n, w) \
         CROSS JOIN LATERAL (SELECT to_tsquery('indonesian', t.w || ':*')::text AS node, \
             (tsvector_to_array(to_tsvector('indonesian', t.w)))[1] AS stem) AS q \
         LEFT JOIN LATERAL (SELECT DISTINCT k.lexeme FROM vacancy_lexemes k \
             WHERE k.lexeme >= (q.stem COLLATE \"C\") \
                 AND k.lexeme < (q.stem || repeat(chr(1114111), 512)) COLLATE \"C\" \
             ORDER BY k.lexeme LIMIT {}) AS l ON true \
         ORDER BY t.n, l.lexeme",
        rows.join(", "),
        MOST_LEXEMES + 1
    );
    let found: Vec<Expansion> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(tsquery(words.len(), &found))
}

/// The tsquery text from the expansion's rows (ordered by word), or `None` where a word is not one prefix.
fn tsquery(words: usize, found: &[Expansion]) -> Option<String> {
    let mut parts = Vec::with_capacity(words);
    for n in 0..words {
        let rows: Vec<&Expansion> = found.iter().filter(|r| r.word == n as i64).collect();
        let first = rows.first()?;
        let stem = first.stem.as_deref()?;
        let prefix = format!("{}:*", quoted(stem));
        if first.node != prefix {
            return None;
        }
        let lexemes: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.lexeme.as_deref())
            .filter(|l| l.starts_with(stem))
            .collect();
        parts.push(match lexemes.len() {
            // No vacancy holds such a word: the prefix finds nothing either, and says so quickly.
            0 => prefix,
            n if n > MOST_LEXEMES => prefix,
            _ => {
                let exact: Vec<String> = lexemes.iter().map(|l| quoted(l)).collect();
                format!("({})", exact.join(" | "))
            }
        });
    }
    Some(parts.join(" & "))
}

/// A lexeme as a tsquery operand, quoted as PostgreSQL writes it (`'` doubled, `\` escaped).
fn quoted(lexeme: &str) -> String {
    format!("'{}'", lexeme.replace('\\', "\\\\").replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::{Expansion, MOST_LEXEMES, tsquery};

    fn row(word: i64, node: &str, stem: Option<&str>, lexeme: Option<&str>) -> Expansion {
        Expansion {
            word,
            node: node.to_owned(),
            stem: stem.map(str::to_owned),
            lexeme: lexeme.map(str::to_owned),
        }
    }

    #[test]
    fn each_prefix_becomes_the_exact_lexemes_it_begins() {
        let found = [
            row(0, "'operator':*", Some("operator"), Some("operator")),
            row(0, "'operator':*", Some("operator"), Some("operatornya")),
            row(1, "'mesin':*", Some("mesin"), None),
        ];
        assert_eq!(
            tsquery(2, &found).as_deref(),
            Some("('operator' | 'operatornya') & 'mesin':*")
        );
    }

    #[test]
    fn a_word_that_is_not_one_prefix_keeps_the_plain_query() {
        // A word that makes no lexeme ("½"): to_tsquery drops it, to_tsvector makes nothing.
        assert_eq!(tsquery(1, &[row(0, "", None, None)]), None);
        // A word the parser splits (into a phrase), not the stem's prefix.
        let split = row(0, "'x' <-> '2':*", Some("x"), Some("x"));
        assert_eq!(tsquery(1, &[split]), None);
        // A word without rows at all.
        assert_eq!(tsquery(2, &[row(0, "'a':*", Some("a"), Some("a"))]), None);
    }

    #[test]
    fn too_many_lexemes_keep_the_prefix_and_quotes_are_escaped() {
        let many: Vec<Expansion> = (0..=MOST_LEXEMES)
            .map(|i| row(0, "'a':*", Some("a"), Some(&format!("a{i}"))))
            .collect();
        assert_eq!(tsquery(1, &many).as_deref(), Some("'a':*"));
        let odd = [row(0, "'o''k':*", Some("o'k"), Some("o'k\\s"))];
        assert_eq!(tsquery(1, &odd).as_deref(), Some("('o''k\\\\s')"));
    }
}
