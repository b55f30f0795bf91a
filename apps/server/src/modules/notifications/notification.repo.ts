import { sql, type Insertable } from 'kysely';
import type { NotificationListQuery } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { DB } from '../../db.types';

const COLUMNS = ['id', 'user_id', 'kind', 'title', 'body', 'link', 'read_at', 'created_at'] as const;

// Every read and write here is by user_id: a user reaches only its own notifications.
export const notificationRepo = {
  insertMany(ex: Executor, rows: Insertable<DB['notifications']>[]) {
    if (rows.length === 0) return Promise.resolve([]);
    return ex.insertInto('notifications').values(rows).returning(COLUMNS).execute();
  },

  /**
   * The same for thousands of rows: the rows travel as one JSON document, which PostgreSQL parses far faster than it
   * parses and binds a VALUES list of five parameters per row (and which the driver does not have to escape).
   */
  insertBatch(
    ex: Executor,
    rows: { user_id: number; kind: string; title: string; body: string | null; link: string | null }[],
  ) {
    if (rows.length === 0) return Promise.resolve([]);
    return ex
      .insertInto('notifications')
      .columns(['user_id', 'kind', 'title', 'body', 'link'])
      .expression(
        sql`select r.user_id, r.kind, r.title, r.body, r.link
          from json_to_recordset(${JSON.stringify(rows)}::json) as r(user_id int, kind text, title text, body text, link text)`,
      )
      .returning(COLUMNS)
      .execute();
  },

  async list(ex: Executor, userId: number, f: NotificationListQuery) {
    let q = ex.selectFrom('notifications').where('user_id', '=', userId);
    if (f.unread) q = q.where('read_at', 'is', null);
    const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await q
      .select(COLUMNS)
      .orderBy('id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, total: Number(n) };
  },

  async unreadCount(ex: Executor, userId: number): Promise<number> {
    const { n } = await ex
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(n);
  },

  /** Marks one read (keeping the first read time); undefined when it is not this user's. */
  markRead(ex: Executor, userId: number, id: number) {
    return ex
      .updateTable('notifications')
      .set({ read_at: sql<Date>`coalesce(read_at, now())` })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning(COLUMNS)
      .executeTakeFirst();
  },

  async markAllRead(ex: Executor, userId: number): Promise<number> {
    const r = await ex
      .updateTable('notifications')
      .set({ read_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};

export type NotificationRow = Awaited<ReturnType<typeof notificationRepo.insertMany>>[number];
