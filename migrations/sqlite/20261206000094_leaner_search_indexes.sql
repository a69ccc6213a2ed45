-- Issue 27, a million vacancies: the vacancies' FTS5 index keeps which column a word is in, not where in the
-- column (`detail=column`). No search asks for a phrase or for words near each other: each word is a prefix
-- of its own, each filter a term (`Backend::vacancy_full_text`), and relevance is scored in Rust. A prefix
-- ("operator"*) merges the lists of every word it begins, in full; without positions those lists are a third
-- smaller, and so is the work (measured in BENCHMARKS.md, "2026-12-06, a later session"). The search splits
-- words where FTS5's tokenizer would (`server::db::fts5_tokens`), since a phrase of two tokens is an error here.
-- PostgreSQL's migration of this number adds the id to its wage indexes (SQLite's end with the rowid).
--
-- The triggers of migration 0091 write to `vacancies_fts` by name and stay as they are.
DROP TABLE vacancies_fts;
CREATE VIRTUAL TABLE vacancies_fts USING fts5(
    title, skills, description, facets,
    content = 'vacancy_search_source', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    detail = column
);
INSERT INTO vacancies_fts (vacancies_fts) VALUES ('rebuild');
