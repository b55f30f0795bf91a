// The order in three layers (002 §6.3.2): customer order → order items → service orders (one per product and end)
// → work orders (tasks for teams). The customer-visible stage follows from which work orders are still open.

export const ORDER_STATES = [
  'acknowledged',
  'in_progress',
  'pending',
  'held',
  'completed',
  'cancelled',
  'failed',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];
export const OPEN_ORDER_STATES: readonly OrderState[] = ['acknowledged', 'in_progress', 'pending', 'held'];

export const ORDER_STAGES = ['accepted', 'resourcing', 'installing', 'completed', 'billing_started'] as const;
export type OrderStage = (typeof ORDER_STAGES)[number];

export const ORDER_STATE_LABELS: Record<OrderState, { zh: string; en: string }> = {
  acknowledged: { zh: '已受理', en: 'Acknowledged' },
  in_progress: { zh: '处理中', en: 'In progress' },
  pending: { zh: '待审批', en: 'Pending approval' },
  held: { zh: '已挂起', en: 'On hold' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已撤单', en: 'Cancelled' },
  failed: { zh: '无法开通', en: 'Failed' },
};

export const ORDER_STAGE_LABELS: Record<OrderStage, { zh: string; en: string }> = {
  accepted: { zh: '业务受理', en: 'Accepted' },
  resourcing: { zh: '资源调配', en: 'Resourcing' },
  installing: { zh: '施工安装', en: 'Installation' },
  completed: { zh: '业务完工', en: 'Completed' },
  billing_started: { zh: '起租', en: 'Billing started' },
};

/** Work-order tasks, the stage each belongs to, and which district team (org `function`) does it. */
export const WORK_ORDER_TASKS = ['review', 'resource', 'install', 'billing'] as const;
export type WorkOrderTask = (typeof WORK_ORDER_TASKS)[number];
export const TASK_STAGE: Record<WorkOrderTask, Exclude<OrderStage, 'billing_started'>> = {
  review: 'accepted',
  resource: 'resourcing',
  install: 'installing',
  billing: 'completed',
};
export const TASK_TEAM: Record<WorkOrderTask, 'account' | 'dispatch' | 'field'> = {
  review: 'account',
  resource: 'dispatch',
  install: 'field',
  billing: 'account',
};
export const TASK_LABELS: Record<WorkOrderTask, { zh: string; en: string }> = {
  review: { zh: '受理审核', en: 'Order review' },
  resource: { zh: '资源核查与配置', en: 'Resource check and assignment' },
  install: { zh: '上门施工安装', en: 'On-site installation' },
  billing: { zh: '竣工验收与起租', en: 'Acceptance and billing start' },
};

export const WORK_ORDER_STATES = ['waiting', 'ready', 'in_progress', 'done', 'cancelled'] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

/** The stage an order is in: the first stage that still has unfinished work; none left → 起租. */
export function deriveStage(workOrders: { task: WorkOrderTask; state: WorkOrderState }[]): OrderStage {
  for (const stage of ORDER_STAGES) {
    if (stage === 'billing_started') break;
    if (workOrders.some((w) => TASK_STAGE[w.task] === stage && w.state !== 'done' && w.state !== 'cancelled'))
      return stage;
  }
  return 'billing_started';
}

export const stageIndex = (s: OrderStage) => ORDER_STAGES.indexOf(s);

/** Construction is signed off once the order reached 业务完工. */
export const constructionSignedOff = (stage: OrderStage) => stageIndex(stage) >= stageIndex('completed');

/**
 * Cancellation (002 §6.3.2 业务撤销): refused once construction is signed off; otherwise with a contract term that
 * has not expired it goes to approval; without one it takes effect at once.
 */
export function cancelDecision(o: {
  state: OrderState;
  stage: OrderStage;
  contractMonths: number;
  contractEndsAt: Date | null;
  now: Date;
}): 'refused_closed' | 'refused_signed_off' | 'approval' | 'direct' {
  if (!OPEN_ORDER_STATES.includes(o.state)) return 'refused_closed';
  if (constructionSignedOff(o.stage)) return 'refused_signed_off';
  if (o.contractMonths > 0 && (o.contractEndsAt === null || o.contractEndsAt > o.now)) return 'approval';
  return 'direct';
}

/** Whether staff may progress work orders now: not on hold, not waiting for approval, not closed. */
export const workable = (s: OrderState) => s === 'acknowledged' || s === 'in_progress';

export const DEFAULT_ORDER_NUMBER_FORMAT = 'SO{yyyyMMdd}{seq:6}';

const TOKEN = /\{(yyyy|yy|MM|dd|yyyyMMdd|yyMMdd|seq(?::(\d))?)\}/g;

/** A format is valid when it has exactly one {seq:n} (n 4–9) and only known tokens and safe literal characters. */
export function validateOrderNumberFormat(f: string): string | null {
  if (f.length > 40) return '格式过长 / too long';
  const seqs = [...f.matchAll(/\{seq(?::(\d))?\}/g)];
  if (seqs.length !== 1) return '必须且只能包含一个 {seq:n} / exactly one {seq:n}';
  const n = Number(seqs[0]![1] ?? 6);
  if (n < 4 || n > 9) return '{seq:n} 的位数应为 4–9 / n must be 4–9';
  const rest = f.replace(TOKEN, '');
  if (!/^[A-Za-z0-9_-]*$/.test(rest)) return '只能包含字母、数字、- 和 _ 以及占位符 / letters, digits, - _ and tokens';
  return null;
}

/** Fills a format for a date (in China time) and a sequence number. The sequence restarts every day when the format has a day. */
export function formatOrderNumber(format: string, at: Date, seq: number): string {
  const cn = new Date(at.getTime() + 8 * 3600_000);
  const yyyy = String(cn.getUTCFullYear());
  const MM = String(cn.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(cn.getUTCDate()).padStart(2, '0');
  return format.replace(TOKEN, (_m, tok: string, width?: string) => {
    switch (tok) {
      case 'yyyy':
        return yyyy;
      case 'yy':
        return yyyy.slice(2);
      case 'MM':
        return MM;
      case 'dd':
        return dd;
      case 'yyyyMMdd':
        return `${yyyy}${MM}${dd}`;
      case 'yyMMdd':
        return `${yyyy.slice(2)}${MM}${dd}`;
      default:
        return String(seq).padStart(Number(width ?? 6), '0');
    }
  });
}

/** The period the sequence counts within: a day when the format names one, else a month or a year, else forever. */
export function sequencePeriod(format: string, at: Date): string {
  const cn = new Date(at.getTime() + 8 * 3600_000).toISOString();
  if (/\{(dd|yyyyMMdd|yyMMdd)\}/.test(format)) return cn.slice(0, 10);
  if (/\{MM\}/.test(format)) return cn.slice(0, 7);
  if (/\{(yyyy|yy)\}/.test(format)) return cn.slice(0, 4);
  return 'all';
}
