import { z } from 'zod';
import { CUSTOMER_LEVELS, type CustomerLevel } from '../schemas/customer';
import {
  BUSINESS_CATEGORIES,
  CIRCUIT_LEVELS,
  type BusinessCategory,
  type CircuitLevel,
  type RequestType,
  type ZhEnLabel,
} from './ticket-types';
import type { TicketAction, TicketStatus } from './ticket-status';

export const SLA_STAGES = ['dispatch', 'accept', 'feedback', 'resolve', 'recovery_confirm'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];
export const SLA_STAGE_LABELS: Record<SlaStage, ZhEnLabel> = {
  dispatch: { zh: '派单', en: 'Dispatch' },
  accept: { zh: '接单', en: 'Accept' },
  feedback: { zh: '首次反馈', en: 'First feedback' },
  resolve: { zh: '修复/办结', en: 'Restore / complete' },
  recovery_confirm: { zh: '恢复确认', en: 'Recovery confirmation' },
};

// When a stage clock starts (the deadline is stored then) and what meets it. Time in pausedIn does not count.
export interface SlaStageRule {
  startsOnEnter: readonly TicketStatus[];
  metOnActions: readonly TicketAction[];
  pausedIn: readonly TicketStatus[];
}
export const SLA_STAGE_RULES: Record<SlaStage, SlaStageRule> = {
  dispatch: { startsOnEnter: ['submitted', 'rejected', 'reopened'], metOnActions: ['dispatch'], pausedIn: [] },
  accept: { startsOnEnter: ['dispatched'], metOnActions: ['accept'], pausedIn: [] },
  // Any reply the customer sees: a note, a request for information, or the result.
  feedback: { startsOnEnter: ['submitted'], metOnActions: ['note', 'suspend', 'resolve'], pausedIn: [] },
  // A reopened ticket gets a fresh resolve clock: the first one ended when it was resolved.
  resolve: { startsOnEnter: ['submitted', 'reopened'], metOnActions: ['resolve'], pausedIn: ['pending_customer'] },
  recovery_confirm: { startsOnEnter: ['resolved'], metOnActions: ['confirm', 'reopen'], pausedIn: [] },
};

export const SLA_UNITS = ['minutes', 'hours', 'working_days'] as const;
export type SlaUnit = (typeof SLA_UNITS)[number];
export const SLA_CLOCKS = ['24x7', 'business'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

export const SlaLimitSchema = z
  .strictObject({
    amount: z.number().positive().max(100_000),
    unit: z.enum(SLA_UNITS),
    clock: z.enum(SLA_CLOCKS),
  })
  .refine((l) => l.unit !== 'working_days' || l.clock === 'business', {
    message: '按工作日计的时限只能用工作时间时钟 / Working-day limits need the business clock',
  });
export type SlaLimit = z.infer<typeof SlaLimitSchema>;

// null: no clock for that stage under this policy.
export const SlaLimitsSchema = z.strictObject({
  dispatch: SlaLimitSchema.nullable(),
  accept: SlaLimitSchema.nullable(),
  feedback: SlaLimitSchema.nullable(),
  resolve: SlaLimitSchema.nullable(),
  recovery_confirm: SlaLimitSchema.nullable(),
});
export type SlaLimits = z.infer<typeof SlaLimitsSchema>;

// 004's table is a fault-repair table; other requests have their own rows.
export const SLA_KINDS = ['fault', 'request'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];
export const slaKindOf = (type: RequestType): SlaKind =>
  type === 'fault' || type === 'terminal_repair' ? 'fault' : 'request';

export const SlaPolicySchema = z.strictObject({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  kind: z.enum(SLA_KINDS),
  level: z.enum([...CUSTOMER_LEVELS, 'any']),
  category: z.enum([...BUSINESS_CATEGORIES, 'any']),
  circuitLevel: z.enum([...CIRCUIT_LEVELS, 'any']),
  limits: SlaLimitsSchema,
  source: z.string().trim().max(300),
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

export interface SlaPolicyQuery {
  kind?: SlaKind; // default 'fault'
  level: CustomerLevel;
  category: BusinessCategory;
  circuitLevel?: CircuitLevel; // a line without a declared level counts as 普通
}

// Specificity: more fixed fields first; on a tie category outranks circuit level outranks customer level.
function specificity(p: SlaPolicy): [number, number] {
  const cat = p.category !== 'any' ? 1 : 0;
  const circ = p.circuitLevel !== 'any' ? 1 : 0;
  const lvl = p.level !== 'any' ? 1 : 0;
  return [cat + circ + lvl, cat * 4 + circ * 2 + lvl];
}

/** Most specific matching row; earlier rows win exact ties. */
export function matchPolicy(policies: readonly SlaPolicy[], query: SlaPolicyQuery): SlaPolicy | undefined {
  const kind = query.kind ?? 'fault';
  const circuit = query.circuitLevel ?? 'normal';
  let best: SlaPolicy | undefined;
  let bestScore: [number, number] = [-1, -1];
  for (const p of policies) {
    if (p.kind !== kind) continue;
    if (p.level !== 'any' && p.level !== query.level) continue;
    if (p.category !== 'any' && p.category !== query.category) continue;
    if (p.circuitLevel !== 'any' && p.circuitLevel !== circuit) continue;
    const s = specificity(p);
    if (s[0] > bestScore[0] || (s[0] === bestScore[0] && s[1] > bestScore[1])) {
      best = p;
      bestScore = s;
    }
  }
  return best;
}

const mins = (amount: number): SlaLimit => ({ amount, unit: 'minutes', clock: '24x7' });
const hours = (amount: number): SlaLimit => ({ amount, unit: 'hours', clock: '24x7' });
const workingDays = (amount: number): SlaLimit => ({ amount, unit: 'working_days', clock: 'business' });

const SRC_004 = '004 中国电信政企客户售后维护服务管理办法';
// 004 §二 4: 15 分钟内派单, 30 分钟内接单, 修复后 15 分钟内恢复确认 — for every fault, round the clock.
const FAULT_BASE = { dispatch: mins(15), accept: mins(30), feedback: null, recovery_confirm: mins(15) };

const fault = (
  id: string,
  name: string,
  match: Pick<SlaPolicy, 'level' | 'category' | 'circuitLevel'>,
  limits: Partial<SlaLimits>,
  source: string,
): SlaPolicy => ({ id, name, kind: 'fault', ...match, limits: { ...FAULT_BASE, resolve: null, ...limits }, source });

// 004 gives three columns (≤20 h / ≤24 h / ≤48 h); read here as 集团级+省级 / 本地A / 本地B+C.
const VOICE_COLUMNS: [CustomerLevel, 0 | 1 | 2][] = [
  ['group', 0],
  ['province', 0],
  ['local_a', 1],
  ['local_b', 2],
  ['local_c', 2],
];
const voiceRows = (category: BusinessCategory, label: string, hoursByColumn: [number, number, number], note = '') =>
  VOICE_COLUMNS.map(([level, col]) =>
    fault(
      `fault.${category}.${level}`,
      `${label}故障修复`,
      { level, category, circuitLevel: 'any' },
      { resolve: hours(hoursByColumn[col]) },
      `${SRC_004} §一(三) 固网语音类${note}`,
    ),
  );

// 4008: 行业及高端聚类客户 12 h, 品牌政企客户 24 h; brand (商务领航) customers read as 本地B/C.
const rows4008 = (['group', 'province', 'local_a', 'local_b', 'local_c'] as const).map((level) =>
  fault(
    `fault.number_4008.${level}`,
    '4008故障修复',
    { level, category: 'number_4008', circuitLevel: 'any' },
    { resolve: hours(level === 'local_b' || level === 'local_c' ? 24 : 12) },
    `${SRC_004} §一(三) 4008`,
  ),
);

// Round-the-clock response (故障响应 7×24); 004 states no restore limit, so the general 48 h applies.
const roundTheClock = (['internet_hosting', 'business_navigator', 'ict', 'industry_app'] as const).map((category) =>
  fault(
    `fault.${category}`,
    '故障响应 7×24 小时',
    { level: 'any', category, circuitLevel: 'any' },
    { resolve: hours(48) },
    `${SRC_004} §一(三) 故障响应 7*24 小时; 修复时限未列, 取通用 48 小时`,
  ),
);

// 1 个工作日内反馈, 3 个工作日处理完 (销售管家, 物流E通, 警务/工商/烟草E通).
const workingDayRows = (['business_navigator_industry', 'industry_e_tong'] as const).map((category) =>
  fault(
    `fault.${category}`,
    '1 个工作日反馈, 3 个工作日处理完',
    { level: 'any', category, circuitLevel: 'any' },
    { feedback: workingDays(1), resolve: workingDays(3) },
    `${SRC_004} §一(三)`,
  ),
);

// The bandwidth rows of 004's table did not survive in the seed text: these per-circuit limits are
// placeholders for the network department to confirm.
const LINE_HOURS: Record<CircuitLevel, number> = { AAA: 4, AA: 6, A: 8, normal: 24 };
const lineRows = CIRCUIT_LEVELS.map((circuitLevel) =>
  fault(
    `fault.dedicated_line.${circuitLevel}`,
    `专线故障修复(${circuitLevel === 'normal' ? '普通' : circuitLevel})`,
    { level: 'any', category: 'dedicated_line', circuitLevel },
    { resolve: hours(LINE_HOURS[circuitLevel]) },
    '假定值, 待网络部确认 (004 带宽型业务时限缺失)',
  ),
);

export const DEFAULT_SLA_POLICIES: readonly SlaPolicy[] = [
  fault(
    'fault.default',
    '故障通用时限',
    { level: 'any', category: 'any', circuitLevel: 'any' },
    { resolve: hours(48) },
    `${SRC_004} §二 4; 修复时限取表中最宽的 48 小时`,
  ),
  ...voiceRows('virtual_network', '虚拟网', [20, 24, 48]),
  ...voiceRows('ngn_virtual_network', 'NGN虚拟网', [20, 24, 48]),
  ...voiceRows('freephone_800', '800', [20, 24, 48]),
  ...rows4008,
  // Only ≤20 h and ≤24 h are legible for 企业彩铃; the third column is assumed to match the other voice rows.
  ...voiceRows('enterprise_ringback', '企业彩铃', [20, 24, 48], '; 第三列按其他语音业务假定'),
  ...lineRows,
  ...roundTheClock,
  ...workingDayRows,
  {
    id: 'request.default',
    name: '业务申请/咨询/投诉通用时限',
    kind: 'request',
    level: 'any',
    category: 'any',
    circuitLevel: 'any',
    limits: {
      dispatch: { amount: 15, unit: 'minutes', clock: 'business' },
      accept: { amount: 30, unit: 'minutes', clock: 'business' },
      feedback: workingDays(1),
      resolve: workingDays(3),
      recovery_confirm: null,
    },
    source: `${SRC_004}: 派单/接单时限按工作时间计; "1 个工作日内反馈, 3 个工作日处理完" 用作非故障类默认`,
  },
];
