-- A counter per cached read model, bumped in the same transaction as every change to its table, so the
-- per-instance caches of public pages (search results, home figures) notice a change made through any
-- instance at their next request.
CREATE TABLE data_versions (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('vacancies', 0);

CREATE TRIGGER vacancies_version_insert AFTER INSERT ON vacancies BEGIN
    UPDATE data_versions SET version = version + 1 WHERE name = 'vacancies';
END;
CREATE TRIGGER vacancies_version_update AFTER UPDATE ON vacancies BEGIN
    UPDATE data_versions SET version = version + 1 WHERE name = 'vacancies';
END;
CREATE TRIGGER vacancies_version_delete AFTER DELETE ON vacancies BEGIN
    UPDATE data_versions SET version = version + 1 WHERE name = 'vacancies';
END;
