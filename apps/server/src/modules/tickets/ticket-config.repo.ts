import type { Insertable } from 'kysely';
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
    const row = await ex
      .selectFrom('business_calendars')
      .select('calendar')
      .where('id', '=', 'default')
      .executeTakeFirst();
    return row ? BusinessCalendarSchema.parse(row.calendar) : DEFAULT_BUSINESS_CALENDAR;
  },
  async saveCalendar(ex: Executor, cal: BusinessCalendar) {
    await ex
      .insertInto('business_calendars')
      .values({ id: 'default', calendar: JSON.stringify(cal) })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          calendar: JSON.stringify(cal),
          updated_at: new Date(),
          version: eb('business_calendars.version', '+', 1),
        })),
      )
      .execute();
  },
  async settings(ex: Executor): Promise<TicketSettings> {
    const row = await ex
      .selectFrom('ticket_settings')
      .select('settings')
      .where('id', '=', 'default')
      .executeTakeFirst();
    return row ? TicketSettingsSchema.parse(row.settings) : DEFAULT_TICKET_SETTINGS;
  },
  async saveSettings(ex: Executor, s: TicketSettings) {
    await ex
      .insertInto('ticket_settings')
      .values({ id: 'default', settings: JSON.stringify(s) })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          settings: JSON.stringify(s),
          updated_at: new Date(),
          version: eb('ticket_settings.version', '+', 1),
        })),
      )
      .execute();
  },
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
