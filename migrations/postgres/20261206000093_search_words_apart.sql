-- Issue 27, a million vacancies: the search's words and its filter terms (migration 0091) in two tsvectors,
-- in place of one tsvector holding both, under one GIN index over the pair.
--
-- Why: with both in one column, the words had to be asked for at weights A-C and the terms at D, and a query
-- with weights makes PostgreSQL recheck every row the GIN index hands out against its stored tsvector. For a
-- broad word with a broad filter ("operator mesin" in occupation group 8) that is tens of thousands of
-- tsvectors read from TOAST: 400-600 ms. Apart, neither query needs weights (a word is matched at any weight
-- of `search_words`, a term only in `facet_terms`), so nothing is rechecked, and a newest-first walk tests the
-- small `facet_terms` first. One index over both columns, not one each: it intersects a word and a filter
-- inside one scan ("programmer" with education up to SMK, which never meet: 15 ms), where two indexes build
-- a bitmap of each (the filter's 600,000 rows: 113 ms). It also serves words alone and terms alone. The terms
-- are the same as in 0091 (`vacancies::facets` builds them).
DROP INDEX vacancies_search_terms_idx;
ALTER TABLE vacancies DROP COLUMN search_terms;
ALTER TABLE vacancies
    ADD COLUMN search_words tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('indonesian', title), 'A')
        || setweight(to_tsvector('indonesian', skills), 'B')
        || setweight(to_tsvector('indonesian', description), 'C')
    ) STORED,
    ADD COLUMN facet_terms tsvector GENERATED ALWAYS AS (to_tsvector('simple',
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
        || CASE WHEN wage_max_idr >= 30000000 THEN ' g30' ELSE '' END
    )) STORED;
CREATE INDEX vacancies_words_facets_idx ON vacancies USING GIN (search_words, facet_terms);
ANALYZE vacancies;
