-- The SLA sweep's work list: when each ticket must next be looked at (warning, breach or next escalation rung).
-- It used to be a column of tickets, so every sweep rewrote each due ticket's wide row and re-indexed it in a dozen
-- indexes just to move its next check time. Here it is one narrow row per ticket, kept by refreshTicketsSla in the
-- same transaction that derives it from the stage clocks; no row means nothing to check (closed, cancelled, paused,
-- ladder exhausted). The sweep reads only due rows, in time order, from ticket_sla_checks_due_idx.
CREATE TABLE ticket_sla_checks (
  ticket_id      bigint PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  next_check_at  timestamptz NOT NULL
);

INSERT INTO ticket_sla_checks (ticket_id, next_check_at)
  SELECT id, sla_next_check_at FROM tickets WHERE sla_next_check_at IS NOT NULL;

CREATE INDEX ticket_sla_checks_due_idx ON ticket_sla_checks (next_check_at);

DROP INDEX tickets_sla_due_idx;
ALTER TABLE tickets DROP COLUMN sla_next_check_at;
