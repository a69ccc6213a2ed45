//! The newest matches of a text search (words and filter terms through the full-text index), with what
//! the three orders sort by.
use super::read::{Candidate, MatchRead};
use crate::{
    core::error::AppError,
    features::vacancies::{query::COUNT_CAP, relevance},
    server::db::{Backend, Db, FullText, SqlBuilder},
};

/// The newest `COUNT_CAP + 1` matches of words and filters by report order (the full-text index hands them
/// out newest first and stops there; `conditions` wrote the WHERE clause). This is the bound that keeps a
/// broad word fast at a million vacancies: "operator" matches 150,000, and ranking all of them took 570 ms on
/// SQLite. A search never lists more than COUNT_CAP results ("1000+"), so what is shown is the best,
/// newest-published or best-paid of the newest thousand matches; narrower words or a filter reach older ones.
/// "Newest" is by report order here: a vacancy published late after review, with more than a thousand matches
/// reported after it, is left out of a broad search's list (found with a narrower one). With `rank_words`,
/// each match is scored for the relevance order. PostgreSQL reads them in parts (`search::postgres`), and
/// with `many_will_do` may answer `None` instead: far more than COUNT_CAP match (the caller lists them another way).
pub(super) async fn newest_matches(
    db: &Db,
    sql: SqlBuilder,
    filter: &str,
    text: &FullText,
    rank_words: Option<&[String]>,
    many_will_do: bool,
) -> Result<Option<Vec<Candidate>>, AppError> {
    // SQLite reads the texts in the same pass (the row is in hand); PostgreSQL after its timed walk, so
    // that reading a thousand descriptions (from TOAST) does not spend the walk's budget.
    let texts_inline = rank_words.is_some() && db.backend != Backend::Postgres;
    let read = MatchRead {
        base: sql,
        texts: if texts_inline {
            ", v.title, v.skills, v.description"
        } else {
            ""
        },
        from: text.from,
        filter,
        newest: text.newest,
    };
    let mut matches: Vec<Candidate> = if db.backend != Backend::Postgres {
        let sql = read.statement(None, None, COUNT_CAP + 1);
        sql.query_as().fetch_all(&db.pool).await?
    } else {
        match super::postgres::newest_matches(db, &read, many_will_do).await? {
            Some(matches) => matches,
            None => return Ok(None),
        }
    };
    if let Some(words) = rank_words {
        if !texts_inline {
            read_texts(db, &mut matches).await?;
        }
        for m in &mut matches {
            m.score = relevance::score(words, &m.title, &m.skills, &m.description);
            (m.title, m.skills, m.description) = Default::default();
        }
    }
    Ok(Some(matches))
}

/// The title, skills and description of each match, read by id (at most COUNT_CAP + 1 of them).
async fn read_texts(db: &Db, matches: &mut [Candidate]) -> Result<(), AppError> {
    if matches.is_empty() {
        return Ok(());
    }
    let mut sql = SqlBuilder::new("");
    let ids: Vec<String> = matches.iter().map(|m| sql.int(m.id)).collect();
    sql.sql = format!(
        "SELECT id, title, skills, description FROM vacancies WHERE id IN ({})",
        ids.join(", ")
    );
    let texts: Vec<(i64, String, String, String)> = sql.query_as().fetch_all(&db.pool).await?;
    let mut by_id: std::collections::HashMap<i64, (String, String, String)> = texts
        .into_iter()
        .map(|(id, title, skills, description)| (id, (title, skills, description)))
        .collect();
    for m in matches {
        if let Some(texts) = by_id.remove(&m.id) {
            (m.title, m.skills, m.description) = texts;
        }
    }
    Ok(())
}
