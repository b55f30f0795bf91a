import type { Notification, NotificationListQuery, NotificationPage } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import type { Executor } from '../../platform/db/database';
import { notFound } from '../../platform/http/app-error';
import { notificationRepo, type NotificationRow } from './notification.repo';

export const NOTIFICATION_TOPIC = 'notification';

export interface NotifyInput {
  userIds: number[];
  /** what it is about, e.g. 'ticket.assigned'; the web picks an icon by it */
  kind: string;
  title: string;
  body?: string;
  /** an in-app path such as /tickets/123 */
  link?: string | null;
}

// Each notification travels in one NOTIFY, whose payload PostgreSQL caps at 8000 bytes; these limits
// keep it well under (3 bytes a Chinese character). Longer text is cut rather than failing the caller's
// transaction over a notification.
const MAX_TITLE = 200;
const MAX_BODY = 1000;
const MAX_LINK = 500;
const MAX_KIND = 60;

function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  readAt: r.read_at ? r.read_at.toISOString() : null,
  createdAt: r.created_at.toISOString(),
});

export function notificationService(ctx: AppContext) {
  const { db } = ctx;
  const me = (actor: Actor) => actor.auth!.user.id;

  return {
    /**
     * Creates one notification per user in the caller's transaction and publishes each on the event
     * bus, so live clients get it only if that transaction commits.
     */
    async notify(ex: Executor, input: NotifyInput): Promise<Notification[]> {
      const userIds = [...new Set(input.userIds)].filter((id) => Number.isInteger(id) && id > 0);
      if (userIds.length === 0) return [];
      const link = input.link ?? null;
      if (link !== null && (link.length > MAX_LINK || !link.startsWith('/'))) {
        throw new Error('notification link must be an in-app path of at most 500 characters');
      }
      const kind = input.kind.trim().slice(0, MAX_KIND);
      const title = cut(input.title.trim(), MAX_TITLE);
      const body = cut((input.body ?? '').trim(), MAX_BODY);
      const rows = await notificationRepo.insertMany(
        ex,
        userIds.map((user_id) => ({ user_id, kind, title, body, link })),
      );
      const out: Notification[] = [];
      for (const r of rows) {
        const n = toNotification(r);
        await ctx.events.publish(ex, { topic: NOTIFICATION_TOPIC, userIds: [r.user_id], data: n });
        out.push(n);
      }
      return out;
    },

    /** Many notifications, each to its own users, in one insert and one publish (sweeps, batch work). */
    async notifyMany(ex: Executor, inputs: NotifyInput[]): Promise<number> {
      const rows = inputs.flatMap((input) =>
        [...new Set(input.userIds)]
          .filter((id) => Number.isInteger(id) && id > 0)
          .map((user_id) => ({
            user_id,
            kind: input.kind.trim().slice(0, MAX_KIND),
            title: cut(input.title.trim(), MAX_TITLE),
            body: cut((input.body ?? '').trim(), MAX_BODY),
            link: input.link && input.link.length <= MAX_LINK && input.link.startsWith('/') ? input.link : null,
          })),
      );
      const inserted = await notificationRepo.insertBatch(ex, rows);
      await ctx.events.publishMany(
        ex,
        inserted.map((r) => ({ topic: NOTIFICATION_TOPIC, userIds: [r.user_id], data: toNotification(r) })),
      );
      return inserted.length;
    },

    async list(actor: Actor, q: NotificationListQuery): Promise<NotificationPage> {
      const { items, total } = await notificationRepo.list(db, me(actor), q);
      return { items: items.map(toNotification), total, page: q.page, pageSize: q.pageSize };
    },

    async unreadCount(actor: Actor): Promise<{ count: number }> {
      return { count: await notificationRepo.unreadCount(db, me(actor)) };
    },

    // Read marks are the reader's own view state, not a business change: they are not audited.
    async markRead(actor: Actor, id: number): Promise<Notification> {
      const row = await notificationRepo.markRead(db, me(actor), id);
      if (!row) throw notFound({ notification: id });
      return toNotification(row);
    },

    async markAllRead(actor: Actor): Promise<{ count: number }> {
      return { count: await notificationRepo.markAllRead(db, me(actor)) };
    },
  };
}
