import type { ZhEnLabel } from './ticket-types';

export const TICKET_STATUSES = [
  'submitted',
  'dispatched',
  'accepted',
  'in_progress',
  'pending_customer',
  'resolved',
  'closed',
  'rejected',
  'cancelled',
  'reopened',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatus, ZhEnLabel> = {
  submitted: { zh: '待派单', en: 'Submitted' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  accepted: { zh: '已接单', en: 'Accepted' },
  in_progress: { zh: '处理中', en: 'In progress' },
  pending_customer: { zh: '待客户反馈', en: 'Waiting for customer' },
  resolved: { zh: '待确认', en: 'Resolved, awaiting confirmation' },
  closed: { zh: '已归档', en: 'Closed' },
  rejected: { zh: '已退回', en: 'Returned' },
  cancelled: { zh: '已撤单', en: 'Withdrawn' },
  reopened: { zh: '重新处理', en: 'Reopened' },
};

// The one status colour map (antd Tag `color`), so a status looks the same on every screen.
export const TICKET_STATUS_COLORS: Record<TicketStatus, string> = {
  submitted: 'blue',
  dispatched: 'cyan',
  accepted: 'geekblue',
  in_progress: 'processing',
  pending_customer: 'gold',
  resolved: 'purple',
  closed: 'success',
  rejected: 'volcano',
  cancelled: 'default',
  reopened: 'magenta',
};

// Closed and cancelled tickets accept no further work (notes and rating aside).
export const FINAL_TICKET_STATUSES: readonly TicketStatus[] = ['closed', 'cancelled'];
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(
  (s) => s !== 'closed' && s !== 'cancelled' && s !== 'resolved',
);
export const isOpenTicketStatus = (s: TicketStatus): boolean => OPEN_TICKET_STATUSES.includes(s);

export const TICKET_ACTIONS = [
  'dispatch',
  'accept',
  'start',
  'transfer',
  'reject_back',
  'copy',
  'urge',
  'withdraw',
  'pull_back',
  'suspend',
  'resume',
  'escalate',
  'note',
  'resolve',
  'confirm',
  'reopen',
  'rate',
  'archive',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const TICKET_ACTION_LABELS: Record<TicketAction, ZhEnLabel> = {
  dispatch: { zh: '派单', en: 'Dispatch' },
  accept: { zh: '接单', en: 'Accept' },
  start: { zh: '开始处理', en: 'Start work' },
  transfer: { zh: '转派', en: 'Transfer' },
  reject_back: { zh: '退回', en: 'Return' },
  copy: { zh: '抄送', en: 'Copy to' },
  urge: { zh: '催单', en: 'Urge' },
  withdraw: { zh: '撤单', en: 'Withdraw' },
  pull_back: { zh: '拉回', en: 'Pull back' },
  suspend: { zh: '挂起(待客户)', en: 'Wait for customer' },
  resume: { zh: '恢复处理', en: 'Resume' },
  escalate: { zh: '升级', en: 'Escalate' },
  note: { zh: '备注/附件', en: 'Add note' },
  resolve: { zh: '回单', en: 'Resolve' },
  confirm: { zh: '确认完成', en: 'Confirm' },
  reopen: { zh: '不满意重办', en: 'Reopen' },
  rate: { zh: '满意度评价', en: 'Rate' },
  archive: { zh: '归档', en: 'Archive' },
};
