import { sql } from 'kysely';
import type { AppContext } from '../../platform/app-context';
import type { Executor } from '../../platform/db/database';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { registerSmsTemplates } from '../../platform/sms/sms-templates';
import { notificationService } from '../notifications/notification.service';

registerSmsTemplates({
  ticket_accepted:
    '【政企派单】您的工单 {number}「{title}」已受理，处理人：{handler}。进度可在企业门户“我的申请”查看。',
  ticket_resolved: '【政企派单】您的工单 {number} 已处理完成：{result}。请确认并评价：{link}',
  ticket_closed: '【政企派单】您的工单 {number} 已办结归档，感谢您的支持。',
  ticket_dispatched_staff: '【政企派单】新工单 {number}「{title}」（{customer}）已派给您，请在 {deadline} 前接单。',
  ticket_escalated: '【政企派单】工单 {number}「{title}」已超时（{stage}），升级至您处督办，请关注。',
  ticket_reclassified: '【政企派单】您报障的号码 {product} 当前为停机状态（{reason}），已转为咨询单 {number} 处理。',
});

export interface TicketRef {
  id: number;
  number: string;
  title: string;
  org_path: string;
  assignee_org_id: number | null;
  assignee_user_id: number | null;
}

/** Whoever holds the ticket now: the assignee, or every active member of the queue's team. */
export async function holders(
  ex: Executor,
  t: Pick<TicketRef, 'assignee_org_id' | 'assignee_user_id'>,
): Promise<number[]> {
  if (t.assignee_user_id) return [t.assignee_user_id];
  if (!t.assignee_org_id) return [];
  const rows = await ex
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', t.assignee_org_id)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

function pathPrefix(path: string, depth: number): string | null {
  const parts = path.split('/').filter(Boolean);
  return parts.length >= depth ? `/${parts.slice(0, depth).join('/')}/` : null;
}

/** The people on one rung of the escalation ladder for this ticket. */
export async function ladderRecipients(
  ex: Executor,
  t: TicketRef & { assignee_org_path: string | null },
  level: string,
) {
  if (level === 'team') {
    // The team lead: dispatchers and supervisors of the holding team, else the district's dispatch team.
    const teamId = t.assignee_org_id;
    let rows = teamId
      ? await ex
          .selectFrom('users')
          .select(['id', 'phone'])
          .where('org_id', '=', teamId)
          .where('role', 'in', ['dispatcher', 'supervisor'])
          .where('status', '=', 'active')
          .execute()
      : [];
    if (!rows.length) {
      const district = pathPrefix(t.org_path, 3) ?? t.org_path;
      rows = await ex
        .selectFrom('users as u')
        .innerJoin('orgs as o', 'o.id', 'u.org_id')
        .select(['u.id', 'u.phone'])
        .where('o.function', '=', 'dispatch')
        .where(sql<boolean>`o.path like ${district + '%'}`)
        .where('u.status', '=', 'active')
        .execute();
    }
    return rows;
  }
  const depth = level === 'district' ? 3 : level === 'city' ? 2 : 1;
  const path = pathPrefix(t.org_path, depth);
  if (!path) return [];
  return ex
    .selectFrom('users')
    .select(['id', 'phone'])
    .where('role', '=', 'supervisor')
    .where('org_path', '=', path)
    .where('status', '=', 'active')
    .execute();
}

/** Supervisors of the ticket's district: told when nobody could be found to take a ticket. */
export async function districtSupervisors(ex: Executor, orgPath: string) {
  const path = pathPrefix(orgPath, 3) ?? orgPath;
  const rows = await ex
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'supervisor')
    .where('org_path', '=', path)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

export function ticketNotifier(ctx: AppContext) {
  const notifications = notificationService(ctx);
  return {
    notify: (ex: Executor, userIds: number[], kind: string, title: string, body: string, ticketId: number) =>
      notifications.notify(ex, { userIds, kind, title, body, link: `/tickets/${ticketId}` }),
    sms: (
      ex: Executor,
      phone: string | null | undefined,
      template: string,
      params: Record<string, unknown>,
      key: string,
    ) =>
      phone && /^1[3-9]\d{9}$/.test(phone) ? enqueueSms(ex, { phone, template, params, key }) : Promise.resolve(null),
    async phoneOf(ex: Executor, userId: number | null) {
      if (!userId) return null;
      return (await ex.selectFrom('users').select('phone').where('id', '=', userId).executeTakeFirst())?.phone ?? null;
    },
  };
}
