import type { Executor } from '../../platform/db/database';

export const authRepo = {
  findByUsername(ex: Executor, username: string) {
    return ex
      .selectFrom('users')
      .select(['id', 'username', 'password_hash', 'status', 'failed_logins', 'locked_until', 'phone', 'role'])
      .where('username', '=', username)
      .executeTakeFirst();
  },
  findByPhone(ex: Executor, phone: string) {
    return ex
      .selectFrom('users')
      .select(['id', 'username', 'status', 'role', 'locked_until', 'failed_logins'])
      .where('phone', '=', phone)
      .executeTakeFirst();
  },
  async recordFailure(ex: Executor, userId: number, maxFailures: number, lockMinutes: number) {
    const row = await ex
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', userId)
      .returning(['failed_logins'])
      .executeTakeFirstOrThrow();
    if (row.failed_logins >= maxFailures) {
      await ex
        .updateTable('users')
        .set({ locked_until: new Date(Date.now() + lockMinutes * 60_000), failed_logins: 0 })
        .where('id', '=', userId)
        .execute();
      return { locked: true };
    }
    return { locked: false };
  },
  async recordSuccess(ex: Executor, userId: number) {
    await ex
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
      .where('id', '=', userId)
      .execute();
  },
  countRecentCodes(ex: Executor, field: 'phone' | 'ip', value: string, since: Date) {
    return ex
      .selectFrom('sms_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(field, '=', value)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
  },
  insertCode(
    ex: Executor,
    v: { phone: string; purpose: string; code_hash: string; ip: string | null; expires_at: Date },
  ) {
    return ex.insertInto('sms_codes').values(v).returning('id').executeTakeFirstOrThrow();
  },
  latestOpenCode(ex: Executor, phone: string, purpose: string) {
    return ex
      .selectFrom('sms_codes')
      .selectAll()
      .where('phone', '=', phone)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
  async bumpCodeAttempts(ex: Executor, id: number) {
    await ex
      .updateTable('sms_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },
  async consumeCode(ex: Executor, id: number) {
    const r = await ex
      .updateTable('sms_codes')
      .set({ consumed_at: new Date() })
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  me(ex: Executor, userId: number) {
    return ex
      .selectFrom('users as u')
      .leftJoin('orgs as o', 'o.id', 'u.org_id')
      .leftJoin('customers as c', 'c.id', 'u.customer_id')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.org_id',
        'o.name as org_name',
        'u.customer_id',
        'c.name as customer_name',
        'u.phone',
        'u.lang',
        'u.password_hash',
      ])
      .where('u.id', '=', userId)
      .executeTakeFirst();
  },
  async setLang(ex: Executor, userId: number, lang: 'zh' | 'en') {
    await ex.updateTable('users').set({ lang }).where('id', '=', userId).execute();
  },
  async setPassword(ex: Executor, userId: number, hash: string) {
    await ex
      .updateTable('users')
      .set((eb) => ({ password_hash: hash, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', userId)
      .execute();
  },
};
