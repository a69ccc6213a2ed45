-- Issue 27, a million vacancies: the search filters as terms of the full-text index, so a word and a filter
-- that rarely meet ("operator" in occupation group 52) are intersected by the index instead of testing every
-- match of the word row by row (300-800 ms at 1,000,000 vacancies). Terms (`vacancies::facets` builds the same):
-- d<district code without dots>, k<KBLI section>, o<KBJI major group> and o<sub-major group>,
-- e<education code without '_'>, w<working time without '_'>, and g<N> for every N in the wage bands (millions
-- of rupiah) at or under the vacancy's highest wage. The search still applies each filter exactly afterwards.
--
-- SQLite: the FTS5 table gains a `facets` column, read from a view of the vacancies (its external content),
-- so the terms are written in one place; the triggers read the row through the view (before a delete or an
-- update: the old terms; after an insert or an update: the new ones). The `UPDATE OF` lists name every column
-- the view reads. A later migration that rebuilds `vacancies` (or drops a column the view reads) must drop
-- and recreate the view and these triggers; `REPLACE INTO vacancies` would skip the delete trigger.
DROP TRIGGER vacancies_fts_insert;
DROP TRIGGER vacancies_fts_delete;
DROP TRIGGER vacancies_fts_update;
DROP TABLE vacancies_fts;

CREATE VIEW vacancy_search_source AS
SELECT id, title, skills, description,
       'd' || replace(district_code, '.', '')
       || ' k' || kbli_section
       || COALESCE(' o' || substr(occupation_code, 1, 1) || ' o' || substr(occupation_code, 1, 2), '')
       || ' e' || replace(education_code, '_', '')
       || ' w' || replace(work_type, '_', '')
       || CASE WHEN wage_max_idr >= 1000000 THEN ' g1' ELSE '' END
       || CASE WHEN wage_max_idr >= 2000000 THEN ' g2' ELSE '' END
       || CASE WHEN wage_max_idr >= 3000000 THEN ' g3' ELSE '' END
       || CASE WHEN wage_max_idr >= 4000000 THEN ' g4' ELSE '' END
       || CASE WHEN wage_max_idr >= 5000000 THEN ' g5' ELSE '' END
       || CASE WHEN wage_max_idr >= 6000000 THEN ' g6' ELSE '' END
       || CASE WHEN wage_max_idr >= 7000000 THEN ' g7' ELSE '' END
       || CASE WHEN wage_max_idr >= 8000000 THEN ' g8' ELSE '' END
       || CASE WHEN wage_max_idr >= 10000000 THEN ' g10' ELSE '' END
       || CASE WHEN wage_max_idr >= 12000000 THEN ' g12' ELSE '' END
       || CASE WHEN wage_max_idr >= 15000000 THEN ' g15' ELSE '' END
       || CASE WHEN wage_max_idr >= 20000000 THEN ' g20' ELSE '' END
       || CASE WHEN wage_max_idr >= 25000000 THEN ' g25' ELSE '' END
       || CASE WHEN wage_max_idr >= 30000000 THEN ' g30' ELSE '' END AS facets
FROM vacancies;

CREATE VIRTUAL TABLE vacancies_fts USING fts5(
    title, skills, description, facets,
    content = 'vacancy_search_source', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER vacancies_fts_insert AFTER INSERT ON vacancies BEGIN
    INSERT INTO vacancies_fts (rowid, title, skills, description, facets)
    SELECT id, title, skills, description, facets FROM vacancy_search_source WHERE id = new.id;
END;
CREATE TRIGGER vacancies_fts_delete BEFORE DELETE ON vacancies BEGIN
    INSERT INTO vacancies_fts (vacancies_fts, rowid, title, skills, description, facets)
    SELECT 'delete', id, title, skills, description, facets FROM vacancy_search_source WHERE id = old.id;
END;
CREATE TRIGGER vacancies_fts_update_old BEFORE UPDATE OF title, skills, description, district_code, kbli_section,
    occupation_code, education_code, work_type, wage_max_idr ON vacancies BEGIN
    INSERT INTO vacancies_fts (vacancies_fts, rowid, title, skills, description, facets)
    SELECT 'delete', id, title, skills, description, facets FROM vacancy_search_source WHERE id = old.id;
END;
CREATE TRIGGER vacancies_fts_update_new AFTER UPDATE OF title, skills, description, district_code, kbli_section,
    occupation_code, education_code, work_type, wage_max_idr ON vacancies BEGIN
    INSERT INTO vacancies_fts (rowid, title, skills, description, facets)
    SELECT id, title, skills, description, facets FROM vacancy_search_source WHERE id = new.id;
END;
INSERT INTO vacancies_fts (vacancies_fts) VALUES ('rebuild');
