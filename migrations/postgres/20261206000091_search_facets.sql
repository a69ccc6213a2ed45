-- Issue 27, a million vacancies: the search filters as terms of the full-text index, so a word and a filter
-- that rarely meet ("operator" in occupation group 52) are intersected by the index instead of testing every
-- match of the word row by row (300-800 ms at 1,000,000 vacancies). Terms (`vacancies::facets` builds the same):
-- d<district code without dots>, k<KBLI section>, o<KBJI major group> and o<sub-major group>,
-- e<education code without '_'>, w<working time without '_'>, and g<N> for every N in the wage bands (millions
-- of rupiah) at or under the vacancy's highest wage. The search still applies each filter exactly afterwards.
--
-- PostgreSQL: one stored tsvector of words and terms (the terms at weight D, which the search's words never
-- ask for: they are matched at A, B and C), replacing `search_document`, with its GIN index.
-- The old column first, so the rewrite that adds the new one does not carry it.
DROP INDEX vacancies_search_idx;
ALTER TABLE vacancies DROP COLUMN search_document;
ALTER TABLE vacancies ADD COLUMN search_terms tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('indonesian', title), 'A')
    || setweight(to_tsvector('indonesian', skills), 'B')
    || setweight(to_tsvector('indonesian', description), 'C')
    || setweight(to_tsvector('simple',
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
    ), 'D')
) STORED;
CREATE INDEX vacancies_search_terms_idx ON vacancies USING GIN (search_terms);
ANALYZE vacancies;
