-- The running complaint clocks (done_on IS NULL) by due day and start day: the dashboard's longest overdue
-- complaints are read along it and stop after twenty, and the clocks tied on both days are read along it
-- by complaint, stopping as early.
CREATE INDEX complaint_clocks_running ON complaint_clocks (due_on, started_on, complaint_id, step) WHERE done_on IS NULL;
