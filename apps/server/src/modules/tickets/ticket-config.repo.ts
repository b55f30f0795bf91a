import { sql, type Insertable } from 'kysely';
import {
  BusinessCalendarSchema,
  DEFAULT_BUSINESS_CALENDAR,
  DEFAULT_SLA_POLICIES,
  DEFAULT_TICKET_SETTINGS,
  SlaPolicySchema,
  TicketSettingsSchema,
  type BusinessCalendar,
  type SlaPolicy,
  type TicketSettings,
} from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { DB } from '../../db.types';

// Single-row JSON documents (the calendar, the settings), keyed 'default'.
type DocTable = 'business_calendars' | 'ticket_settings';
async function readDoc(ex: Executor, table: DocTable, column: string): Promise<unknown> {
  const r = await sql<{
    doc: unknown;
  }>`select ${sql.ref(column)} as doc from ${sql.table(table)} where id = 'default'`.execute(ex);
  return r.rows[0]?.doc;
}
async function writeDoc(ex: Executor, table: DocTable, column: string, value: unknown): Promise<void> {
  await sql`insert into ${sql.table(table)} (id, ${sql.ref(column)}) values ('default', ${JSON.stringify(value)}::jsonb)
    on conflict (id) do update set ${sql.ref(column)} = excluded.${sql.ref(column)}, updated_at = now(),
      version = ${sql.table(table)}.version + 1`.execute(ex);
}

// SLA policies, the business calendar and ticket settings are data: an empty table means the built-in defaults.
export const ticketConfigRepo = {
  async policies(ex: Executor): Promise<SlaPolicy[]> {
    const rows = await ex.selectFrom('sla_policies').select('policy').orderBy('position').execute();
    if (rows.length === 0) return [...DEFAULT_SLA_POLICIES];
    return rows.map((r) => SlaPolicySchema.parse(r.policy));
  },
  async replacePolicies(ex: Executor, policies: SlaPolicy[]) {
    await ex.deleteFrom('sla_policies').execute();
    if (policies.length === 0) return;
    await ex
      .insertInto('sla_policies')
      .values(policies.map((p, i) => ({ id: p.id, position: i, policy: JSON.stringify(p) })))
      .execute();
  },
  async calendar(ex: Executor): Promise<BusinessCalendar> {
    const doc = await readDoc(ex, 'business_calendars', 'calendar');
    return doc ? BusinessCalendarSchema.parse(doc) : DEFAULT_BUSINESS_CALENDAR;
  },
  saveCalendar: (ex: Executor, cal: BusinessCalendar) => writeDoc(ex, 'business_calendars', 'calendar', cal),
  async settings(ex: Executor): Promise<TicketSettings> {
    const doc = await readDoc(ex, 'ticket_settings', 'settings');
    return doc ? TicketSettingsSchema.parse(doc) : DEFAULT_TICKET_SETTINGS;
  },
  saveSettings: (ex: Executor, s: TicketSettings) => writeDoc(ex, 'ticket_settings', 'settings', s),
  rules(ex: Executor, activeOnly = true) {
    let q = ex.selectFrom('ticket_routing_rules').selectAll().orderBy('position').orderBy('id');
    if (activeOnly) q = q.where('active', '=', true);
    return q.execute();
  },
  insertRule(ex: Executor, v: Insertable<DB['ticket_routing_rules']>) {
    return ex.insertInto('ticket_routing_rules').values(v).returningAll().executeTakeFirstOrThrow();
  },
  async updateRule(ex: Executor, id: number, version: number, v: Partial<Insertable<DB['ticket_routing_rules']>>) {
    const r = await ex
      .updateTable('ticket_routing_rules')
      .set((eb) => ({ ...v, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    return r ?? null;
  },
  async deleteRule(ex: Executor, id: number) {
    const r = await ex.deleteFrom('ticket_routing_rules').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },
};
