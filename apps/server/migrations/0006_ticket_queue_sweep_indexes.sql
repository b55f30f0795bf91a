-- Indexes the ticket queue and the SLA sweep need at a million tickets (measured by bench/tickets.mjs).

-- A staff queue filtered by status and sorted by deadline: walking this index in order and stopping after a page
-- replaces reading and sorting every ticket with that status. tickets_org_status_deadline_idx cannot give that
-- order: the org filter is a subtree match (LIKE) on org_path or assignee_org_path.
CREATE INDEX tickets_status_deadline_idx ON tickets (status, stage_deadline, id DESC);

-- The sweep's auto-close looks only at resolved tickets; without this it reads the whole table on every sweep.
CREATE INDEX tickets_resolved_at_idx ON tickets (resolved_at) WHERE status = 'resolved';
