import { z } from 'zod';
import { OPPORTUNITY_SOURCES, OPPORTUNITY_STATUSES, PRODUCT_GROUPS } from './opportunity-catalogue';

// Supervisor reports: funnel, trend, rankings, and the list whose columns the user picks (字段自选), incl. the
// order-tracking closed-loop report (订单跟踪闭环报表: opportunities with their linked order's progress).

export const REPORT_COLUMNS = [
  'number',
  'createdAt',
  'source',
  'sourceChannel',
  'customerName',
  'productName',
  'status',
  'stage',
  'districtName',
  'claimedByName',
  'claimedAt',
  'firstCallAt',
  'claimToCallMinutes',
  'preAcceptanceNo',
  'accountManagerName',
  'expectedRevenue',
  'orderNumber',
  'orderState',
  'orderStage',
  'convertedAt',
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];
export const DEFAULT_REPORT_COLUMNS: ReportColumn[] = [
  'number',
  'createdAt',
  'source',
  'customerName',
  'productName',
  'status',
  'claimedByName',
  'preAcceptanceNo',
  'orderNumber',
  'orderStage',
];

const dateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const ReportFiltersSchema = z.object({
  from: dateStr.optional(),
  to: dateStr.optional(),
  source: z.enum(OPPORTUNITY_SOURCES).optional(),
  productGroup: z.enum(PRODUCT_GROUPS).optional(),
  status: z.enum(OPPORTUNITY_STATUSES).optional(),
  /** only opportunities with a linked order: the closed-loop tracking report */
  linkedOnly: z.enum(['true', 'false']).optional(),
});
export type ReportFilters = z.infer<typeof ReportFiltersSchema>;

export const ReportListQuerySchema = ReportFiltersSchema.extend({
  columns: z
    .string()
    .max(1000)
    .optional()
    .transform((v, ctx) => {
      if (!v) return DEFAULT_REPORT_COLUMNS;
      const cols = v
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const bad = cols.filter((c) => !(REPORT_COLUMNS as readonly string[]).includes(c));
      if (bad.length || cols.length === 0) {
        ctx.addIssue({ code: 'custom', message: `未知的列 / Unknown columns: ${bad.join(', ')}` });
        return z.NEVER;
      }
      return cols as ReportColumn[];
    }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ReportListQuery = z.infer<typeof ReportListQuerySchema>;

export const FunnelRowSchema = z.object({
  key: z.string(),
  total: z.number().int(),
  claimed: z.number().int(),
  valid: z.number().int(),
  converted: z.number().int(),
  invalid: z.number().int(),
});
export type FunnelRow = z.infer<typeof FunnelRowSchema>;

export const FunnelReportSchema = z.object({
  totals: FunnelRowSchema,
  bySource: z.array(FunnelRowSchema),
  byProduct: z.array(FunnelRowSchema),
  trend: z.array(
    z.object({ date: z.string(), created: z.number().int(), claimed: z.number().int(), converted: z.number().int() }),
  ),
  agents: z.array(
    z.object({
      name: z.string(),
      claimed: z.number().int(),
      valid: z.number().int(),
      converted: z.number().int(),
      avgClaimToCallMinutes: z.number().nullable(),
    }),
  ),
  districts: z.array(z.object({ name: z.string(), total: z.number().int(), converted: z.number().int() })),
});
export type FunnelReport = z.infer<typeof FunnelReportSchema>;

export const ReportViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  columns: z.array(z.enum(REPORT_COLUMNS)),
  filters: ReportFiltersSchema,
});
export type ReportView = z.infer<typeof ReportViewSchema>;
export const SaveReportViewSchema = z.strictObject({
  name: z.string().trim().min(1).max(40),
  columns: z.array(z.enum(REPORT_COLUMNS)).min(1).max(REPORT_COLUMNS.length),
  filters: ReportFiltersSchema.strict(),
});
