-- When a PKWT registration first reached the office. A contract sent back for correction and resubmitted
-- is judged late or in time on that day (PP 35/2021 Pasal 14), while `submitted_at_ms` stays the latest
-- submission, which the officer's clock, the queue order and the service statistics count from. NULL for
-- rows written before: their `submitted_at_ms` is still their first submission unless they were corrected.
ALTER TABLE pkwt_contracts ADD COLUMN first_submitted_at_ms BIGINT NULL;
