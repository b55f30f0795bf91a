import { sql } from 'kysely';
import {
  orderStageIndex,
  validateOrderNumberFormat,
  type OrderChange,
  type OrderDetail,
  type OrderListQuery,
  type OrderSettings,
  type OrderStage,
  type OrderSummary,
  type Page,
  type Tower,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor, AuthContext } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { orderRepo, orderScope, OPEN_STATES, summaryCols, type OrderSummaryRow } from './order.repo';
import { toDetail, toSummary } from './order-mapper';
import { orderDetailRow, type OrderKey } from './order-detail.repo';
import { allowedActions, workableIds } from './order-progress';
import { signPromoRef, verifyPromoRef } from './order-ref';
import { ORDER_TOPIC } from './order-events';

const TOWER_STAGES = ['accepted', 'resourcing', 'installing', 'completed'] as const;

export function orderService(ctx: AppContext) {
  const { db } = ctx;

  /** The detail of one order in one statement (order-detail.repo.ts), by id or by number, inside the viewer's scope. */
  async function detail(ex: Executor, auth: AuthContext, key: OrderKey): Promise<OrderDetail> {
    const customerView = !!auth.user.customerId;
    const o = await orderDetailRow(ex, auth, key, customerView);
    if (!o) throw new AppError('ORDER_NOT_FOUND');
    return toDetail(o, {
      actions: allowedActions(auth, o),
      workableIds: workableIds(auth, o, o.work_orders),
      customerView,
    });
  }

  return {
    detail: (actor: Actor, id: number) => detail(db, actor.auth!, { id }),

    async list(actor: Actor, q: OrderListQuery): Promise<Page<OrderSummary>> {
      const now = new Date();
      const { items, total } = await orderRepo.list(db, actor.auth!, q, now);
      return { items: items.map((r) => toSummary(r, now)), total, page: q.page, pageSize: q.pageSize };
    },

    /** By number, inside the viewer's scope: a foreign order and a wrong number get the same answer. */
    lookup: (actor: Actor, number: string) => detail(db, actor.auth!, { number }),

    /** Contact, phone and note while the order is open; the install address only before installation starts. */
    async change(actor: Actor, id: number, input: OrderChange): Promise<OrderDetail> {
      const auth = actor.auth!;
      await withTx(db, async (tx) => {
        const o = await orderRepo.get(tx, auth, id);
        if (!o) throw new AppError('ORDER_NOT_FOUND');
        if (o.version !== input.version) throw new AppError('CONFLICT');
        if (!OPEN_STATES.includes(o.state)) throw new AppError('ORDER_ILLEGAL_ACTION');
        if (
          input.installAddress !== undefined &&
          input.installAddress !== o.install_address &&
          orderStageIndex(o.stage as OrderStage) >= orderStageIndex('installing')
        )
          throw new AppError('ORDER_ILLEGAL_ACTION', [
            { field: 'installAddress', message: '已开始施工，装机地址不能再修改' },
          ]);
        const set: Record<string, unknown> = {};
        const diff: string[] = [];
        if (input.contactName !== undefined && input.contactName !== o.contact_name) {
          set.contact_name = input.contactName;
          diff.push(`联系人 ${input.contactName}`);
        }
        if (input.contactPhone !== undefined && input.contactPhone !== o.contact_phone) {
          set.contact_phone = input.contactPhone;
          diff.push('联系电话');
        }
        if (input.installAddress !== undefined && input.installAddress !== o.install_address) {
          set.install_address = input.installAddress;
          diff.push(`装机地址 ${input.installAddress}`);
        }
        if (input.note !== undefined && input.note !== o.note) {
          set.note = input.note;
          diff.push('备注');
        }
        if (!diff.length) return;
        const res = await tx
          .updateTable('orders')
          .set({ ...set, updated_at: new Date(), version: o.version + 1 })
          .where('id', '=', id)
          .where('version', '=', o.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
        await orderRepo.addEvent(tx, {
          order_id: id,
          kind: 'changed',
          note: `变更：${diff.join('，')}`,
          actor_id: auth.user.id,
          actor_name: auth.user.displayName,
        });
        await recordAudit(tx, actor, {
          action: 'order.change',
          entityType: 'order',
          entityId: id,
          before: { contactName: o.contact_name, installAddress: o.install_address, note: o.note },
          after: input,
        });
        await ctx.events.publish(tx, {
          topic: ORDER_TOPIC,
          data: { id, orgPath: o.org_path, customerId: o.customer_id, userIds: [] },
        });
      });
      return detail(db, auth, { id });
    },

    async settings(): Promise<OrderSettings> {
      const s = await orderRepo.settings(db);
      return {
        numberFormat: s.numberFormat,
        stageTargets: TOWER_STAGES.map((stage) => ({ stage, targetHours: s.stageTargets[stage] ?? 24 })),
      };
    },

    async saveSettings(actor: Actor, input: OrderSettings): Promise<OrderSettings> {
      const err = validateOrderNumberFormat(input.numberFormat);
      if (err) throw new AppError('ORDER_SETTINGS_INVALID', [{ field: 'numberFormat', message: err }]);
      await withTx(db, async (tx) => {
        const before = await orderRepo.settings(tx);
        const targets = Object.fromEntries(input.stageTargets.map((t) => [t.stage, t.targetHours]));
        await tx
          .updateTable('order_settings')
          .set({ number_format: input.numberFormat, stage_targets: JSON.stringify(targets), updated_at: new Date() })
          .where('id', '=', 1)
          .execute();
        await recordAudit(tx, actor, {
          action: 'order.settings',
          entityType: 'order_settings',
          entityId: 1,
          before,
          after: input,
        });
      });
      return this.settings();
    },

    /** 塔台: open orders by district and stage; those past their stage's target, worst first. */
    async tower(actor: Actor, q: { districtId?: number; stage?: (typeof TOWER_STAGES)[number] }): Promise<Tower> {
      const auth = actor.auth!;
      const now = new Date();
      const s = await this.settings();
      let base = db
        .selectFrom('orders as o')
        .where('o.state', 'in', OPEN_STATES)
        .where((eb) => orderScope(eb as never, auth));
      if (q.districtId) base = base.where('o.district_org_id', '=', q.districtId);
      if (q.stage) base = base.where('o.stage', '=', q.stage);
      const agg = await base
        .innerJoin('orgs as d', 'd.id', 'o.district_org_id')
        .select([
          'o.district_org_id',
          'd.name',
          'o.stage',
          sql<number>`count(*)::int`.as('open'),
          sql<number>`count(*) filter (where o.stage_deadline < ${now})::int`.as('stuck'),
        ])
        .groupBy(['o.district_org_id', 'd.name', 'o.stage'])
        .execute();
      const districts = new Map<number, Tower['districts'][number]>();
      for (const r of agg) {
        const d = districts.get(r.district_org_id) ?? {
          orgId: r.district_org_id,
          name: r.name,
          open: 0,
          stuck: 0,
          byStage: {},
        };
        d.open += Number(r.open);
        d.stuck += Number(r.stuck);
        d.byStage[r.stage] = { open: Number(r.open), stuck: Number(r.stuck) };
        districts.set(r.district_org_id, d);
      }
      const stuckRows = await base
        .innerJoin('customers as c', 'c.id', 'o.customer_id')
        .innerJoin('orgs as d', 'd.id', 'o.district_org_id')
        .select(summaryCols)
        .where('o.stage_deadline', '<', now)
        .orderBy('o.stage_deadline')
        .limit(200)
        .execute();
      return {
        generatedAt: now.toISOString(),
        stages: s.stageTargets,
        districts: [...districts.values()].sort((a, b) => b.stuck - a.stuck || b.open - a.open),
        stuck: stuckRows.map((r) => ({
          ...toSummary(r as OrderSummaryRow, now),
          overdueHours: Math.round(((now.getTime() - new Date(r.stage_deadline!).getTime()) / 3600_000) * 10) / 10,
        })),
      };
    },

    async promoLink(actor: Actor) {
      const auth = actor.auth!;
      if (auth.user.role !== 'account_manager') throw new AppError('FORBIDDEN');
      const ref = await signPromoRef(ctx, db, auth.user.id);
      return {
        ref,
        url: `${ctx.config.publicUrl}/shop?ref=${encodeURIComponent(ref)}`,
        managerName: auth.user.displayName,
      };
    },

    async checkRef(ref: string) {
      const m = await verifyPromoRef(ctx, db, ref);
      return { valid: !!m, managerName: m?.displayName ?? null };
    },
  };
}
