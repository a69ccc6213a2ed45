-- Issue 27: PostgreSQL keeps the lexemes its vacancies hold, so that a search word's prefix can be asked of
-- its GIN index as exact words (see the PostgreSQL migration of the same number). SQLite's FTS5 index walks
-- a prefix's terms in order by itself, so nothing changes here.
SELECT 1;
