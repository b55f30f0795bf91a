import { registerTopicFilter, scopeCovers } from '../../platform/events/sse';

// Live refresh of monitor pages and queues: `ticket.changed` (published by the tickets module with
// {id, orgPath, assigneeOrgPath, customerId, userIds}) reaches viewers who hold ticket.read and whose data
// scope covers the ticket, as the customer's district OR as the handling unit. registerScopedTopic takes a
// single target, which would miss the handling unit (e.g. the monitoring centre for faults of every district),
// so the filter is composed here from the same scopeCovers rule.

interface TicketChanged {
  id?: number;
  orgPath?: string | null;
  assigneeOrgPath?: string | null;
  customerId?: number | null;
  userIds?: number[];
}

export const TICKET_CHANGED_TOPIC = 'ticket.changed';

export function registerTicketChangedTopic(): void {
  registerTopicFilter(TICKET_CHANGED_TOPIC, (e, viewer) => {
    if (!viewer.permissions.has('ticket.read')) return false;
    const d = (e.data ?? {}) as TicketChanged;
    const userIds = Array.isArray(d.userIds) ? d.userIds : [];
    if (userIds.includes(viewer.user.id)) return true;
    return (
      scopeCovers(viewer.scope, { orgPath: d.orgPath ?? null, customerId: d.customerId ?? null, userIds }) ||
      (!!d.assigneeOrgPath && scopeCovers(viewer.scope, { orgPath: d.assigneeOrgPath }))
    );
  });
}
