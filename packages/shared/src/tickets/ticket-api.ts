import { z } from 'zod';
import { PageQuerySchema } from '../schemas/common';
import { CUSTOMER_LEVELS } from '../schemas/customer';
import { ROLES } from '../roles';
import { TICKET_ACTIONS, TICKET_STATUSES } from './ticket-status';
import { BUSINESS_CATEGORIES, CIRCUIT_LEVELS, REQUEST_TYPES, TICKET_CHANNELS, TICKET_PRIORITIES } from './ticket-types';
import { SLA_STAGES, SlaLimitSchema } from './sla-policy';

// What the API returns for tickets, and the knobs admins set. Shared so forms and responses agree.

export const TICKET_VIEWS = ['mine', 'team', 'unassigned', 'created', 'all'] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];

export const TicketListQuerySchema = PageQuerySchema.extend({
  view: z.enum(TICKET_VIEWS).default('all'),
  status: z
    .union([z.enum(TICKET_STATUSES), z.array(z.enum(TICKET_STATUSES))])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  open: z.enum(['true', 'false']).optional(),
  type: z.enum(REQUEST_TYPES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  orgId: z.coerce.number().int().positive().optional(),
  sla: z.enum(['ok', 'warning', 'breached']).optional(),
  sort: z.enum(['deadline', '-created', 'created']).default('deadline'),
});
export type TicketListQuery = z.infer<typeof TicketListQuerySchema>;

export const TicketClockSchema = z.object({
  stage: z.enum(SLA_STAGES),
  startedAt: z.string(),
  deadline: z.string(),
  warnAt: z.string(),
  endedAt: z.string().nullable(),
  breached: z.boolean().nullable(),
  pausedMs: z.number(),
  escalationLevel: z.number().int(),
});

export const TicketSummarySchema = z.object({
  id: z.number().int(),
  number: z.string(),
  type: z.enum(REQUEST_TYPES),
  channel: z.enum(TICKET_CHANNELS),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(TICKET_PRIORITIES),
  title: z.string(),
  customerId: z.number().int(),
  customerName: z.string(),
  customerLevel: z.enum(CUSTOMER_LEVELS),
  businessCategory: z.enum(BUSINESS_CATEGORIES).nullable(),
  productInstance: z.string().nullable(),
  assigneeOrgId: z.number().int().nullable(),
  assigneeOrgName: z.string().nullable(),
  assigneeUserId: z.number().int().nullable(),
  assigneeUserName: z.string().nullable(),
  stage: z.enum(SLA_STAGES).nullable(),
  stageDeadline: z.string().nullable(),
  escalationLevel: z.number().int(),
  urgeCount: z.number().int(),
  rating: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TicketSummary = z.infer<typeof TicketSummarySchema>;

export const TicketEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  actorRole: z.union([z.enum(ROLES), z.literal('system')]),
  action: z.string(),
  fromStatus: z.enum(TICKET_STATUSES).nullable(),
  toStatus: z.enum(TICKET_STATUSES).nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TicketEvent = z.infer<typeof TicketEventSchema>;

export const TicketAttachmentSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});
export type TicketAttachment = z.infer<typeof TicketAttachmentSchema>;

export const TicketDetailSchema = TicketSummarySchema.extend({
  description: z.string(),
  details: z.record(z.string(), z.unknown()),
  circuitLevel: z.enum(CIRCUIT_LEVELS).nullable(),
  contactName: z.string(),
  contactPhoneMasked: z.string(),
  createdById: z.number().int().nullable(),
  duplicateOf: z.number().int().nullable(),
  duplicateOfNumber: z.string().nullable(),
  reclassifiedFrom: z.enum(REQUEST_TYPES).nullable(),
  resolution: z.string().nullable(),
  ratingComment: z.string().nullable(),
  slaPolicyId: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  clocks: z.array(TicketClockSchema),
  events: z.array(TicketEventSchema),
  attachments: z.array(TicketAttachmentSchema),
  copiedOrgs: z.array(z.object({ id: z.number().int(), name: z.string() })),
  allowedActions: z.array(z.enum(TICKET_ACTIONS)),
});
export type TicketDetail = z.infer<typeof TicketDetailSchema>;

export const CreateTicketResultSchema = z.object({
  ticket: TicketDetailSchema,
  duplicateOf: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  reclassified: z.boolean(),
});

export const ESCALATION_LEVELS = ['team', 'district', 'city', 'province'] as const;
export const TicketSettingsSchema = z.strictObject({
  warnShare: z.number().min(0.1).max(0.99),
  escalationLadder: z
    .array(z.strictObject({ level: z.enum(ESCALATION_LEVELS), afterMinutes: z.number().int().min(0).max(100_000) }))
    .min(1)
    .max(4),
  priorityFactors: z.strictObject({
    low: z.number().min(0.1).max(5),
    normal: z.number().min(0.1).max(5),
    high: z.number().min(0.1).max(5),
    urgent: z.number().min(0.1).max(5),
  }),
  autoCloseResolvedHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  duplicateWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
});
export type TicketSettings = z.infer<typeof TicketSettingsSchema>;

export const DEFAULT_TICKET_SETTINGS: TicketSettings = {
  warnShare: 0.8,
  // team lead at breach, the district supervisor 2 h later, the city 4 h later
  escalationLadder: [
    { level: 'team', afterMinutes: 0 },
    { level: 'district', afterMinutes: 120 },
    { level: 'city', afterMinutes: 240 },
  ],
  priorityFactors: { low: 1, normal: 1, high: 0.75, urgent: 0.5 },
  autoCloseResolvedHours: 72,
  duplicateWindowHours: 24 * 30,
};

export const ORG_FUNCTIONS = ['account', 'dispatch', 'field', 'hotline', 'monitoring'] as const;
export const ROUTING_TARGETS = ['account_manager', 'district_function', 'org', 'user'] as const;
export const ROUTING_STRATEGIES = ['queue', 'round_robin', 'least_loaded'] as const;

export const RoutingRuleInputSchema = z.strictObject({
  position: z.number().int().min(0).max(10_000),
  name: z.string().trim().min(2).max(60),
  requestTypes: z.array(z.enum(REQUEST_TYPES)).default([]),
  businessCategories: z.array(z.enum(BUSINESS_CATEGORIES)).default([]),
  productPattern: z.string().trim().max(60).nullable().default(null),
  customerLevels: z.array(z.enum(CUSTOMER_LEVELS)).default([]),
  districtOrgId: z.number().int().positive().nullable().default(null),
  targetKind: z.enum(ROUTING_TARGETS),
  targetFunction: z.enum(ORG_FUNCTIONS).nullable().default(null),
  targetOrgId: z.number().int().positive().nullable().default(null),
  targetUserId: z.number().int().positive().nullable().default(null),
  strategy: z.enum(ROUTING_STRATEGIES).default('queue'),
  active: z.boolean().default(true),
});
export type RoutingRuleInput = z.infer<typeof RoutingRuleInputSchema>;
export const RoutingRuleSchema = RoutingRuleInputSchema.extend({ id: z.number().int(), version: z.number().int() });
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;

export const SlaLimitOrNullSchema = SlaLimitSchema.nullable();

/** Staff re-grade a ticket: the SLA clocks are recomputed from their original start (elapsed time kept). */
export const UpdateTicketSchema = z
  .strictObject({
    version: z.number().int(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
    businessCategory: z.enum(BUSINESS_CATEGORIES).optional(),
    circuitLevel: z.enum(CIRCUIT_LEVELS).optional(),
    reason: z.string().trim().min(2, '请说明调整原因 / Give a reason').max(500),
  })
  .refine((v) => v.priority || v.businessCategory || v.circuitLevel, {
    message: '没有要修改的内容 / Nothing to change',
  });
export type UpdateTicket = z.infer<typeof UpdateTicketSchema>;

/** Who a ticket can be dispatched or transferred to inside one organisation unit, with their current load. */
export const TicketAssigneeQuerySchema = z.object({ orgId: z.coerce.number().int().positive() });
export const TicketAssigneeSchema = z.object({
  id: z.number().int(),
  displayName: z.string(),
  role: z.string(),
  /** open tickets this person holds now */
  openTickets: z.number().int(),
});
export type TicketAssignee = z.infer<typeof TicketAssigneeSchema>;
