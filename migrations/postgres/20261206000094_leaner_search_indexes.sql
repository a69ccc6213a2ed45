-- Issue 27, a million vacancies: the wage indexes end with the id, the listing's tie-break
-- (`ORDER BY wage_max_idr DESC, id DESC`). Without it PostgreSQL sorts every vacancy of the highest wage
-- before it can hand out the first twenty (wages are round numbers: 7,145 rows of one district, 80 ms).
-- SQLite's indexes already end with the rowid, which is the id. SQLite's migration of this number drops
-- the word positions from its full-text index; PostgreSQL's tsvectors keep theirs.
--
-- The new indexes are built first, under other names (a build blocks writes to the table, not reads); the
-- old ones are dropped last, so the table is locked against reads only from there to the commit.
CREATE INDEX vacancies_wage_id_idx ON vacancies (status, wage_max_idr, id);
CREATE INDEX vacancies_district_wage_id_idx ON vacancies (district_code, status, wage_max_idr, id);
DROP INDEX vacancies_wage_idx;
DROP INDEX vacancies_district_wage_idx;
ALTER INDEX vacancies_wage_id_idx RENAME TO vacancies_wage_idx;
ALTER INDEX vacancies_district_wage_id_idx RENAME TO vacancies_district_wage_idx;
