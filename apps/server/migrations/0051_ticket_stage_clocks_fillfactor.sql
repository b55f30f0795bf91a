-- The SLA sweep marks each due clock warned or escalated, and a pause or a re-grade moves its deadline: updates of
-- columns no index holds. With room left on each page PostgreSQL writes the new row version next to the old one
-- (a HOT update) instead of adding an entry to each of the table's four indexes. Pages written from now on keep
-- 10 % free; existing pages gain room as their rows are updated.
ALTER TABLE ticket_stage_clocks SET (fillfactor = 90);
