-- A counter per cached read model, bumped in the same transaction as every change to its table, so the
-- per-instance caches of public pages (search results, home figures) notice a change made through any
-- instance at their next request.
CREATE TABLE data_versions (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('vacancies', 0);

CREATE FUNCTION bump_vacancies_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_versions SET version = version + 1 WHERE name = 'vacancies';
    RETURN NULL;
END;
$$;

-- Once per statement: a bulk load bumps it once, not once per row.
CREATE TRIGGER vacancies_version AFTER INSERT OR UPDATE OR DELETE ON vacancies
    FOR EACH STATEMENT EXECUTE FUNCTION bump_vacancies_version();
