import { sql } from 'kysely';
import { maskPhone, productByCode, type OpportunityStatus } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx } from '../../platform/db/database';
import { recordAudit } from '../../platform/audit/audit.service';
import { intakeService } from '../opportunities/opportunity-intake';
import { opportunityRepo, type OpportunityRow } from '../opportunities/opportunity.repo';
import { TmfError, tmfNotFound } from '../tmf621/tmf621.errors';
import {
  fromCreate,
  STATE_OF,
  statusesFor,
  type SalesLeadCreate,
  type SalesLeadState,
  type SalesLeadUpdate,
} from './tmf699-mapping';

export interface SalesLeadFilter {
  status?: SalesLeadState[];
  name?: string[];
  productOffering?: string[];
  createdGte?: Date;
  createdLte?: Date;
  offset: number;
  limit: number;
}

const clientOf = (actor: Actor) => (actor.auth as unknown as { client: { id: number; name: string } }).client;

export function representation(r: OpportunityRow, href: string) {
  const product = productByCode(r.product_code);
  const revenue = r.expected_revenue === null ? undefined : { unit: 'CNY', value: Number(r.expected_revenue) };
  return {
    id: String(r.id),
    href: `${href}/${r.id}`,
    name: r.customer_name,
    description: r.need,
    creationDate: new Date(r.created_at).toISOString(),
    statusChangeDate: new Date(r.updated_at).toISOString(),
    ...(r.invalid_reason || r.terminated_reason ? { statusChangeReason: r.invalid_reason ?? r.terminated_reason } : {}),
    status: STATE_OF[r.status as OpportunityStatus],
    priority: r.approval_levels > 0 ? 'high' : 'medium',
    productOffering: { id: r.product_code, name: product?.name ?? r.product_code, '@referredType': 'ProductOffering' },
    ...(revenue ? { estimatedRevenue: revenue } : {}),
    channel: { id: r.source, name: r.source_channel ?? r.source, '@referredType': 'SalesChannel' },
    ...(r.deadline ? { validFor: { endDateTime: `${String(r.deadline).slice(0, 10)}T23:59:59+08:00` } } : {}),
    relatedParty: [
      {
        id: r.customer_id ? String(r.customer_id) : `prospect-${r.id}`,
        name: r.customer_name,
        role: 'customer',
        '@referredType': 'Organization',
      },
      { id: `contact-${r.id}`, name: r.contact_name, role: 'contact', '@referredType': 'Individual' },
    ],
    prospectContact: [
      {
        mediumType: 'phone',
        preferred: true,
        characteristic: { phoneNumber: maskPhone(r.contact_phone), contactType: 'mobile' },
      },
    ],
    ...(r.pre_acceptance_no ? { salesOpportunity: { id: r.number, name: r.pre_acceptance_no } } : {}),
    '@type': 'SalesLead',
  };
}
export type SalesLeadRep = ReturnType<typeof representation>;

export function tmf699Service(ctx: AppContext) {
  const { db } = ctx;
  const intakes = intakeService(ctx);

  async function row(actor: Actor, id: number) {
    const r = await opportunityRepo.get(db, actor.auth!, id);
    if (!r) throw tmfNotFound('SalesLead', String(id));
    return r;
  }

  return {
    async create(actor: Actor, body: SalesLeadCreate, href: string) {
      const m = fromCreate(body);
      if (!m.ok) throw new TmfError(400, 'INVALID_REQUEST', 'Invalid request', m.message);
      const client = clientOf(actor);
      const res = await withTx(db, (tx) =>
        intakes.intake(tx, actor, {
          source: 'tmf',
          sourceChannel: m.channel ?? client.name,
          apiClientId: client.id,
          customerName: m.customerName,
          contactName: m.contactName,
          contactPhone: m.contactPhone,
          productCode: m.productCode,
          need: m.need,
          expectedRevenue: m.expectedRevenue,
          deadline: m.deadline,
        }),
      );
      // A lead merged into an opportunity another source raised is not this client's: answer with a fresh view
      // only when it is visible to the client.
      const r = await opportunityRepo.get(db, actor.auth!, res.id);
      if (!r)
        throw new TmfError(
          409,
          'DUPLICATE',
          'Duplicate lead',
          `An open opportunity for this enterprise and product exists already (${res.number}); the lead was merged into it`,
        );
      return representation(r, href);
    },

    async list(actor: Actor, f: SalesLeadFilter, href: string) {
      let q = db.selectFrom('opportunities as o').select('o.id').where('o.api_client_id', '=', clientOf(actor).id);
      if (f.status?.length) q = q.where('o.status', 'in', f.status.flatMap(statusesFor));
      if (f.name?.length) q = q.where('o.customer_name', 'in', f.name);
      if (f.productOffering?.length) q = q.where('o.product_code', 'in', f.productOffering);
      if (f.createdGte) q = q.where('o.created_at', '>=', f.createdGte);
      if (f.createdLte) q = q.where('o.created_at', '<=', f.createdLte);
      const [ids, total] = await Promise.all([
        q.orderBy('o.id', 'desc').limit(f.limit).offset(f.offset).execute(),
        q
          .clearSelect()
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      const items: SalesLeadRep[] = [];
      for (const { id } of ids) {
        const r = await opportunityRepo.get(db, actor.auth!, id);
        if (r) items.push(representation(r, href));
      }
      return { items, total: Number(total.n) };
    },

    async get(actor: Actor, id: number, href: string) {
      return representation(await row(actor, id), href);
    },

    async patch(actor: Actor, id: number, p: SalesLeadUpdate, href: string) {
      await withTx(db, async (tx) => {
        await opportunityRepo.lock(tx, id);
        const r = await opportunityRepo.get(tx, actor.auth!, id);
        if (!r) throw tmfNotFound('SalesLead', String(id));
        const set: Record<string, unknown> = {};
        if (p.description !== undefined) set.need = p.description;
        if (p.estimatedRevenue) set.expected_revenue = p.estimatedRevenue.value;
        if (p.validFor?.endDateTime) {
          const d = new Date(p.validFor.endDateTime);
          if (Number.isNaN(d.getTime()))
            throw new TmfError(400, 'INVALID_REQUEST', 'Invalid request', 'validFor.endDateTime must be a date-time');
          set.deadline = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
        }
        if (p.status && p.status !== STATE_OF[r.status as OpportunityStatus]) {
          // The sender may withdraw a lead nobody has started on; every other state is ours to set.
          if (p.status !== 'cancelled' || r.status !== 'pool')
            throw new TmfError(
              409,
              'INVALID_STATE_CHANGE',
              'State change not allowed',
              `A lead in state ${STATE_OF[r.status as OpportunityStatus]} cannot be set to ${p.status}; only an acknowledged lead can be cancelled`,
            );
          Object.assign(set, {
            status: 'terminated',
            terminated_reason: p.statusChangeReason ?? '来源方撤回',
            closed_at: new Date(),
          });
        }
        if (Object.keys(set).length === 0) return;
        await tx
          .updateTable('opportunities')
          .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .execute();
        await opportunityRepo.addEvent(tx, {
          opportunityId: id,
          actorId: actor.auth!.user.id,
          actorName: actor.auth!.user.displayName,
          actorRole: 'system',
          action: set.status ? 'withdrawn' : 'updated',
          note: (set.terminated_reason as string | undefined) ?? null,
          data: { fields: Object.keys(set) },
        });
        await recordAudit(tx, actor, {
          action: 'opportunity.tmf_patch',
          entityType: 'opportunity',
          entityId: id,
          after: Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
        });
      });
      return representation(await row(actor, id), href);
    },

    async remove(actor: Actor, id: number) {
      await this.patch(actor, id, { status: 'cancelled', statusChangeReason: '来源方删除' }, '');
    },
  };
}
