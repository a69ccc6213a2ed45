-- The local-talent check's input, counted by the hourly `tka_talent_pool` job: the seekers with a valid AK-1
-- card, counted per list of wished jobs (lower-case, sorted, without repeats). The DKPTKA queue read every
-- card holder's wishes on each visit (two million at `seed-demo --scale 1000`); it reads these counts.
CREATE TABLE talent_pool (
    wishes  TEXT PRIMARY KEY,
    holders BIGINT NOT NULL CHECK (holders > 0)
);

-- When the counts were made, and for which WIB day's valid cards (one row).
CREATE TABLE talent_pool_builds (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    built_at_ms BIGINT NOT NULL,
    valid_on    TEXT NOT NULL,
    holders     BIGINT NOT NULL
);
