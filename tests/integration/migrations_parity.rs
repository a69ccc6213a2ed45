//! The two migration sets describe one schema: after both have run, SQLite and PostgreSQL have the same
//! tables, columns and named indexes, apart from the full-text structures each dialect builds its own way
//! (SQLite's FTS5 tables and the view one of them reads; PostgreSQL's list of the lexemes its vacancies hold,
//! which its search expands a prefix into, where FTS5 walks a prefix's terms itself).
use std::collections::BTreeSet;

use crate::common::{postgres_app, sqlite_app};

/// Full text: SQLite keeps FTS5 tables (and their shadow tables); PostgreSQL `tsvector` columns with GIN
/// indexes on the table itself.
fn dialect_only(item: &str) -> bool {
    item.contains("_fts.")
        || item.contains("_fts_")
        || item.contains("_fts:")
        || [
            "seeker_profiles.skills_document",
            "vacancies.search_words",
            "vacancies.facet_terms",
            "seeker_profiles:seeker_profiles_skills_idx",
            "vacancies:vacancies_words_facets_idx",
            "vacancy_lexemes.lexeme",
            "vacancy_lexemes:vacancy_lexemes_idx",
        ]
        .contains(&item)
}

async fn names(pool: &sqlx::AnyPool, sql: &str) -> BTreeSet<String> {
    sqlx::query_as::<_, (String,)>(sql)
        .fetch_all(pool)
        .await
        .expect("schema query")
        .into_iter()
        .map(|(name,)| name)
        .filter(|name| !dialect_only(name))
        .collect()
}

#[tokio::test]
async fn sqlite_and_postgresql_migrations_build_the_same_schema() {
    let Some(postgres) = postgres_app().await else {
        eprintln!("PostgreSQL not configured: parity not checked");
        return;
    };
    let sqlite = sqlite_app().await;
    let sqlite_columns = names(
        &sqlite.db().pool,
        "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .await;
    let postgres_columns = names(
        &postgres.db().pool,
        "SELECT CAST(table_name || '.' || column_name AS TEXT) FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
    )
    .await;
    assert!(sqlite_columns.len() > 400, "the schema was read");
    assert_eq!(
        sqlite_columns
            .difference(&postgres_columns)
            .collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "columns only in the SQLite migrations"
    );
    assert_eq!(
        postgres_columns
            .difference(&sqlite_columns)
            .collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "columns only in the PostgreSQL migrations"
    );

    // Named indexes (primary keys' implicit ones are named by each database itself).
    let sqlite_indexes = names(
        &sqlite.db().pool,
        "SELECT tbl_name || ':' || name FROM sqlite_master \
         WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'",
    )
    .await;
    let postgres_indexes = names(
        &postgres.db().pool,
        "SELECT CAST(tablename || ':' || indexname AS TEXT) FROM pg_indexes \
         WHERE schemaname = 'public' AND tablename NOT LIKE '_sqlx%' \
         AND indexname NOT LIKE '%_pkey'",
    )
    .await;
    assert!(sqlite_indexes.len() > 40, "the indexes were read");
    assert_eq!(
        sqlite_indexes
            .symmetric_difference(&postgres_indexes)
            .collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "indexes in one migration set only"
    );
}
