import {
  allowedActions,
  maskPhone,
  type TicketActor,
  type TicketDetail,
  type TicketStatus,
  type TicketSummary,
  type TransitionContext,
} from '@paidan/shared';
import type { AuthContext } from '../../platform/auth/context';
import type { ticketRepo, TicketSummaryRow } from './ticket.repo';

type Full = NonNullable<Awaited<ReturnType<typeof ticketRepo.get>>>;
type Events = Awaited<ReturnType<typeof ticketRepo.events>>;
type Clocks = Awaited<ReturnType<typeof ticketRepo.clocks>>;
type Atts = Awaited<ReturnType<typeof ticketRepo.attachments>>;
type Copies = Awaited<ReturnType<typeof ticketRepo.copies>>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toSummary(r: TicketSummaryRow): TicketSummary {
  return {
    id: r.id,
    number: r.number,
    type: r.type as TicketSummary['type'],
    channel: r.channel as TicketSummary['channel'],
    status: r.status as TicketStatus,
    priority: r.priority as TicketSummary['priority'],
    title: r.title,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerLevel: r.customer_level as TicketSummary['customerLevel'],
    businessCategory: r.business_category as TicketSummary['businessCategory'],
    productInstance: r.product_instance,
    assigneeOrgId: r.assignee_org_id,
    assigneeOrgName: r.assignee_org_name,
    assigneeUserId: r.assignee_user_id,
    assigneeUserName: r.assignee_user_name,
    stage: r.stage as TicketSummary['stage'],
    stageDeadline: iso(r.stage_deadline),
    escalationLevel: r.escalation_level,
    urgeCount: r.urge_count,
    rating: r.rating,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

/** The guards of the state machine, answered for this actor and ticket. */
export function transitionContext(t: Full, auth: AuthContext | null): TransitionContext {
  if (!auth) return {};
  const u = auth.user;
  const inTeam = !t.assignee_user_id && !!t.assignee_org_id && t.assignee_org_id === u.orgId;
  return {
    isAssignee: t.assignee_user_id === u.id || inTeam,
    isCreator: t.created_by === u.id,
    isTicketCustomer: u.customerId !== null && u.customerId === t.customer_id,
    isDispatcherOfRecord: t.dispatched_by === u.id,
    alreadyRated: t.rating !== null,
    lang: u.lang,
  };
}

export function toDetail(
  t: Full,
  extra: { events: Events; clocks: Clocks; attachments: Atts; copies: Copies; duplicateOfNumber: string | null },
  auth: AuthContext | null,
): TicketDetail {
  const actor: TicketActor = auth ? auth.user.role : 'system';
  const customerView = !!auth?.user.customerId;
  return {
    ...toSummary(t as unknown as TicketSummaryRow),
    description: t.description,
    details: (t.details ?? {}) as Record<string, unknown>,
    circuitLevel: t.circuit_level as TicketDetail['circuitLevel'],
    contactName: t.contact_name,
    contactPhoneMasked: maskPhone(t.contact_phone),
    createdById: t.created_by,
    duplicateOf: t.duplicate_of,
    duplicateOfNumber: extra.duplicateOfNumber,
    reclassifiedFrom: t.reclassified_from as TicketDetail['reclassifiedFrom'],
    resolution: t.resolution,
    ratingComment: t.rating_comment,
    slaPolicyId: customerView ? null : t.sla_policy_id,
    resolvedAt: iso(t.resolved_at),
    closedAt: iso(t.closed_at),
    clocks: customerView
      ? []
      : extra.clocks.map((c) => ({
          stage: c.stage as TicketDetail['clocks'][number]['stage'],
          startedAt: c.started_at.toISOString(),
          deadline: c.deadline.toISOString(),
          warnAt: c.warn_at.toISOString(),
          endedAt: iso(c.ended_at),
          breached: c.breached,
          pausedMs: ((c.pauses as { from: string; to: string | null }[]) ?? []).reduce(
            (s, p) => s + ((p.to ? Date.parse(p.to) : Date.now()) - Date.parse(p.from)),
            0,
          ),
          escalationLevel: c.escalation_level,
        })),
    events: extra.events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorName: e.actor_name,
      actorRole: e.actor_role as TicketDetail['events'][number]['actorRole'],
      action: e.action,
      fromStatus: e.from_status as TicketStatus | null,
      toStatus: e.to_status as TicketStatus | null,
      note: e.note,
      data: (e.data ?? {}) as Record<string, unknown>,
    })),
    attachments: extra.attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      mimeType: a.mime_type,
      sizeBytes: a.size_bytes,
      createdAt: a.created_at.toISOString(),
    })),
    copiedOrgs: extra.copies,
    allowedActions: auth ? allowedActions(t.status as TicketStatus, actor, transitionContext(t, auth)) : [],
  };
}
