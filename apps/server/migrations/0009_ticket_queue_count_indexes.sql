-- The staff queue counts the tickets of an org subtree with a given status: tickets the unit owns (org_path) plus
-- tickets it holds without owning them (assignee_org_path inside, org_path outside). With the status first and the
-- path as a prefix range each half is one tight index range, and carrying org_path in the second index lets both
-- halves be counted from the indexes alone (bench/tickets.mjs, queue page).
DROP INDEX tickets_org_status_deadline_idx;
CREATE INDEX tickets_status_org_idx ON tickets (status, org_path text_pattern_ops);
CREATE INDEX tickets_status_assignee_org_idx ON tickets (status, assignee_org_path text_pattern_ops) INCLUDE (org_path);
