-- The officers' verification queue (`/petugas/perusahaan`): companies neither verified nor rejected, oldest
-- registration first, counted and read a page at a time. A partial index holds exactly those rows in
-- queue order, so neither the count nor a page reads the verified companies.
CREATE INDEX companies_pending ON companies (created_at_ms, id) WHERE verified = 0 AND rejection_reason IS NULL;
