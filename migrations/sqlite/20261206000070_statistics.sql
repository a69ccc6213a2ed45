-- Open statistics and service levels (issue 28): a reporting read model the hourly `statistics_refresh` job
-- rebuilds from the other areas' tables, so the public pages read a few hundred pre-summed rows instead of
-- every card, vacancy and placement. Months are WIB calendar months ('YYYY-MM'); '' is "not known".

-- One cell of an open table: how many (people, vacancies or positions) in a month and district, broken down
-- by one dimension (the 'jumlah' dimension with category 'semua' holds the district's month total).
CREATE TABLE stat_cells (
    dataset       TEXT NOT NULL,
    month         TEXT NOT NULL,
    district_code TEXT NOT NULL,
    dimension     TEXT NOT NULL,
    category      TEXT NOT NULL,
    value         BIGINT NOT NULL,
    PRIMARY KEY (dataset, month, district_code, dimension, category)
);
CREATE INDEX stat_cells_dimension_idx ON stat_cells (dataset, dimension, month);

-- Per service and month of the decision: items finished, finished within the one-working-day clock, and the
-- median minutes from submission to decision.
CREATE TABLE stat_service_months (
    service        TEXT NOT NULL,
    month          TEXT NOT NULL,
    finished       BIGINT NOT NULL,
    within_clock   BIGINT NOT NULL,
    median_minutes BIGINT NOT NULL,
    PRIMARY KEY (service, month)
);

-- When the read model was last rebuilt (one row).
CREATE TABLE stat_refreshes (
    id              BIGINT PRIMARY KEY CHECK (id = 1),
    refreshed_at_ms BIGINT NOT NULL,
    first_month     TEXT NOT NULL,
    last_month      TEXT NOT NULL
);
