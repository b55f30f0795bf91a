import type { ErrorDef } from '../errors';

// Same shape as ERRORS so the server can merge them into its error type.
export const TICKET_ERRORS = {
  TICKET_NOT_FOUND: { status: 404, zh: '工单不存在或无权查看', en: 'Ticket not found, or not visible to you' },
  TICKET_UNKNOWN_ACTION: { status: 400, zh: '不支持的工单操作', en: 'Unknown ticket action' },
  TICKET_ILLEGAL_TRANSITION: {
    status: 409,
    zh: '工单当前状态下不能执行该操作',
    en: 'This action is not possible in the ticket’s current status',
  },
  TICKET_ROLE_NOT_ALLOWED: { status: 403, zh: '您的角色不能执行该操作', en: 'Your role may not do this' },
  TICKET_NOT_ASSIGNEE: { status: 403, zh: '该工单当前不在您的名下', en: 'This ticket is not assigned to you' },
  TICKET_NOT_CREATOR: {
    status: 403,
    zh: '只有提单人可以执行该操作',
    en: 'Only whoever submitted the ticket may do this',
  },
  TICKET_NOT_OWN_CUSTOMER: { status: 403, zh: '这不是贵单位的工单', en: 'This ticket belongs to another enterprise' },
  TICKET_NOT_DISPATCHER_OF_RECORD: {
    status: 403,
    zh: '只有派单人可以拉回工单',
    en: 'Only whoever dispatched the ticket may pull it back',
  },
  TICKET_ALREADY_RATED: { status: 409, zh: '该工单已评价过', en: 'This ticket has already been rated' },
  TICKET_REASON_REQUIRED: { status: 400, zh: '请填写原因', en: 'Please give a reason' },
  TICKET_RESULT_REQUIRED: { status: 400, zh: '请填写处理结果', en: 'Please describe the result' },
  TICKET_TARGET_REQUIRED: { status: 400, zh: '请选择处理单位或人员', en: 'Please choose a unit or person' },
  TICKET_RATING_REQUIRED: { status: 400, zh: '请选择满意度(1-5 星)', en: 'Please give a rating (1–5)' },
} as const satisfies Record<string, ErrorDef>;

export type TicketErrorCode = keyof typeof TICKET_ERRORS;
