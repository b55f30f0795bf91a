import { z } from 'zod';
import { ROLES } from '../roles';
import { ORG_TYPES } from '../schemas/org';
import { TICKET_STATUSES } from './ticket-status';
import { REQUEST_TYPES } from './ticket-types';
import { SLA_STAGES } from './sla-policy';

// Supervisor monitor (SPEC M2, M7): backlog per stage, timeliness (及时率), satisfaction, rankings by org and person.

const DaySchema = z.iso.date({ message: '请输入日期 YYYY-MM-DD / Enter a date YYYY-MM-DD' });

/** A period of whole days in China time; `to` is inclusive. Both default (last 30 days up to today). */
export const TicketMonitorQuerySchema = z
  .object({
    orgId: z.coerce.number().int().positive().optional(),
    from: DaySchema.optional(),
    to: DaySchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '开始日期不能晚于结束日期 / from must not be after to',
    path: ['from'],
  });
export type TicketMonitorQuery = z.infer<typeof TicketMonitorQuerySchema>;

export const MONITOR_MAX_DAYS = 366;

export const MonitorOrgRefSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(ORG_TYPES),
  parentId: z.number().int().nullable(),
});
export type MonitorOrgRef = z.infer<typeof MonitorOrgRefSchema>;

export const MonitorPeriodSchema = z.object({
  from: z.string(), // YYYY-MM-DD, inclusive
  to: z.string(), // YYYY-MM-DD, inclusive
  days: z.number().int(),
});

/** ended clocks in the period, those met in time, and their share (null when none ended) */
const rateFields = {
  ended: z.number().int(),
  onTime: z.number().int(),
  rate: z.number().nullable(),
};

export const MonitorStageBacklogSchema = z.object({
  stage: z.enum(SLA_STAGES),
  ok: z.number().int(),
  warning: z.number().int(),
  breached: z.number().int(),
  paused: z.number().int(),
  total: z.number().int(),
});

export const MonitorStageRateSchema = z.object({ stage: z.enum(SLA_STAGES), ...rateFields });

export const MonitorSatisfactionSchema = z.object({
  rated: z.number().int(),
  average: z.number().nullable(),
  /** share of 4–5 star ratings (满意率) */
  goodShare: z.number().nullable(),
  /** count per star, index 0 = 1 star */
  distribution: z.array(z.number().int()).length(5),
});

export const TicketMonitorSummarySchema = z.object({
  org: MonitorOrgRefSchema,
  period: MonitorPeriodSchema,
  generatedAt: z.string(),
  totals: z.object({
    received: z.number().int(),
    resolved: z.number().int(),
    closed: z.number().int(),
    cancelled: z.number().int(),
    openBacklog: z.number().int(),
    breaches: z.number().int(),
  }),
  /** tickets not yet closed or cancelled, now */
  backlogByStatus: z.array(z.object({ status: z.enum(TICKET_STATUSES), count: z.number().int() })),
  /** 滞留: running SLA clocks of open tickets, now */
  backlogByStage: z.array(MonitorStageBacklogSchema),
  /** clocks whose deadline fell in the period and was missed */
  breachesByStage: z.array(z.object({ stage: z.enum(SLA_STAGES), count: z.number().int() })),
  timeliness: z.object(rateFields),
  timelinessByStage: z.array(MonitorStageRateSchema),
  satisfaction: MonitorSatisfactionSchema,
  volumesByType: z.array(z.object({ type: z.enum(REQUEST_TYPES), count: z.number().int() })),
  /** one point per day of the period (China time) */
  trend: z.array(
    z.object({ day: z.string(), received: z.number().int(), closed: z.number().int(), breaches: z.number().int() }),
  ),
});
export type TicketMonitorSummary = z.infer<typeof TicketMonitorSummarySchema>;

const rowMetrics = {
  received: z.number().int(),
  closed: z.number().int(),
  openBacklog: z.number().int(),
  breaches: z.number().int(),
  ...rateFields,
  rated: z.number().int(),
  avgRating: z.number().nullable(),
};

// A ticket counts for the child org holding its handling unit (assignee org), else the one holding the
// customer's district; tickets with neither under a child make the chosen org's own row (本级).
export const TicketMonitorOrgRowSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  orgType: z.enum(ORG_TYPES),
  /** the chosen org's own tickets that sit with none of its children (本级) */
  self: z.boolean(),
  /** whether calling by-org again with this orgId shows a further level */
  hasChildren: z.boolean(),
  ...rowMetrics,
});
export type TicketMonitorOrgRow = z.infer<typeof TicketMonitorOrgRowSchema>;

export const TicketMonitorByOrgSchema = z.object({
  org: MonitorOrgRefSchema,
  /** from the viewer's top org down to the chosen one, for the breadcrumb */
  path: z.array(z.object({ id: z.number().int(), name: z.string() })),
  period: MonitorPeriodSchema,
  rows: z.array(TicketMonitorOrgRowSchema),
  total: z.object(rowMetrics),
});
export type TicketMonitorByOrg = z.infer<typeof TicketMonitorByOrgSchema>;

export const TicketMonitorPersonRowSchema = z.object({
  userId: z.number().int(),
  userName: z.string(),
  role: z.enum(ROLES),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  ...rowMetrics,
});
export type TicketMonitorPersonRow = z.infer<typeof TicketMonitorPersonRowSchema>;

export const TicketMonitorByPersonSchema = z.object({
  org: MonitorOrgRefSchema,
  period: MonitorPeriodSchema,
  rows: z.array(TicketMonitorPersonRowSchema),
});
export type TicketMonitorByPerson = z.infer<typeof TicketMonitorByPersonSchema>;
