-- Issue 27: PostgreSQL splits its one tsvector of words and filter terms into two (see the PostgreSQL
-- migration of the same number). SQLite's FTS5 table already keeps the terms in a column of their own
-- (`facets`, migration 0091), queried apart from the words, so nothing changes here.
SELECT 1;
