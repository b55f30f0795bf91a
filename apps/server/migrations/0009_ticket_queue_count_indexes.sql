-- The staff queue counts the tickets of an org subtree with a given status: tickets it owns (org_path) or holds
-- (assignee_org_path). With status first and the path as a prefix range, each half is one tight index range, and
-- PostgreSQL ORs the two bitmaps instead of reading every ticket of that status (bench/tickets.mjs, queue page).
DROP INDEX tickets_org_status_deadline_idx;
CREATE INDEX tickets_status_org_idx ON tickets (status, org_path text_pattern_ops);
CREATE INDEX tickets_status_assignee_org_idx ON tickets (status, assignee_org_path text_pattern_ops);
