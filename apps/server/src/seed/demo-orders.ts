import {
  formatOrderNumber,
  priceItem,
  sequencePeriod,
  TASK_STAGE,
  TASK_TEAM,
  type AttributeSpec,
  type OrderStage,
  type WorkOrderTask,
} from '@paidan/shared';
import type { AppContext } from '../platform/app-context';
import { withTx } from '../platform/db/database';
import type { Rng } from './seed-random';
import { DEMO_ENTERPRISE } from './demo-data';

// A month of orders across districts and stages, so "my orders", the customer's order list and the tower show a
// living business: most orders move on in time, some linger past their stage's target, a few are held or cancelled.

const STAGES: Exclude<OrderStage, 'billing_started'>[] = ['accepted', 'resourcing', 'installing', 'completed'];
// typical hours a stage takes [min, max]; a few orders take three times as long
const TYPICAL: Record<string, [number, number]> = {
  accepted: [0.5, 5],
  resourcing: [8, 60],
  installing: [12, 90],
  completed: [4, 30],
};
const CONTACTS = ['王磊', '李娜', '张伟', '刘洋', '陈静', '杨帆', '赵敏', '黄晓东', '周婷', '吴刚'];

export async function seedDemoOrders(ctx: AppContext, r: Rng, count = 360): Promise<void> {
  const db = ctx.db;
  const now = new Date();
  const offers = await db
    .selectFrom('product_offers as o')
    .innerJoin('products as p', 'p.id', 'o.product_id')
    .select([
      'o.id',
      'o.name',
      'o.status',
      'o.fixed_specs',
      'o.one_time_fen',
      'o.monthly_fen',
      'o.contract_months',
      'o.requires',
      'o.excludes',
      'p.id as product_id',
      'p.code as product_code',
      'p.name as product_name',
      'p.status as product_status',
      'p.attributes',
      'p.ends',
    ])
    .where('o.status', '=', 'published')
    .execute();
  // Dependent products come with a broadband in the same order, so skip them as the first item.
  const standalone = offers.filter((o) => !o.requires.length);
  const bb = offers.filter((o) => o.product_code === 'BIZ_BB');
  const settings = await db
    .selectFrom('order_settings')
    .select(['number_format', 'stage_targets'])
    .executeTakeFirstOrThrow();
  const customers = await db
    .selectFrom('customers as c')
    .select(['c.id', 'c.name', 'c.address', 'c.district_org_id', 'c.org_path', 'c.account_manager_id'])
    // the enterprises of the onboarding demo are still certifying: they cannot have ordered yet
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('certification_attempts as a').select('a.id').whereRef('a.customer_id', '=', 'c.id')),
      ),
    )
    .orderBy('c.id')
    .execute();
  const demo = customers.find((c) => c.name === DEMO_ENTERPRISE)!;
  const teams = await db
    .selectFrom('orgs')
    .select(['id', 'path', 'parent_id', 'function'])
    .where('type', '=', 'team')
    .execute();
  const staffByOrg = await db
    .selectFrom('users')
    .select(['id', 'org_id', 'display_name', 'role'])
    .where('org_id', 'is not', null)
    .execute();
  const seqs = new Map<string, number>();
  const agreements = (
    await db
      .selectFrom('agreement_templates')
      .select(['id', 'code', 'version', 'title'])
      .where('code', 'in', ['marketing', 'security'])
      .where('status', '=', 'published')
      .orderBy('code')
      .execute()
  ).map((a) => ({ code: a.code, templateId: a.id, version: a.version, title: a.title }));

  await withTx(db, async (tx) => {
    const certified = new Set<number>();
    for (let n = 0; n < count; n++) {
      const c = n < 14 ? demo : r.pick(customers);
      certified.add(c.id);
      // recent orders outnumber old ones, as in a growing shop
      const ageH = (n < 14 ? 24 * 20 : 24 * 30) * Math.pow(r.next(), 1.8) + 0.2;
      const created = new Date(now.getTime() - ageH * 3600_000);
      const first = r.pick(standalone);
      const lines = [first];
      if (r.next() < 0.15) {
        const dep = offers.find((o) => o.product_code === r.pick(['CLOUD_EYE', 'BRIGHT_KITCHEN']));
        if (dep) {
          if (!['BIZ_BB', 'SHOP_BB', 'FTTR'].includes(first.product_code)) lines.unshift(r.pick(bb));
          lines.push(dep);
        }
      }
      const priced = lines.map((o) => {
        const attrs = o.attributes as AttributeSpec[];
        const chosen: Record<string, string> = {};
        for (const a of attrs)
          if (o.fixed_specs[a.key] === undefined && a.required) chosen[a.key] = r.pick(a.options).value;
        const res = priceItem(
          {
            id: o.id,
            productCode: o.product_code,
            productName: o.product_name,
            name: o.name,
            status: o.status,
            productStatus: o.product_status,
            attributes: attrs,
            fixedSpecs: o.fixed_specs,
            oneTimeFen: Number(o.one_time_fen),
            monthlyFen: Number(o.monthly_fen),
            requires: o.requires,
            excludes: o.excludes,
          },
          chosen,
          1,
        );
        if (!res.ok) throw new Error(`demo order pricing: ${JSON.stringify(res.problems)}`);
        return { o, ...res.item };
      });
      const period = `${settings.number_format}|${sequencePeriod(settings.number_format, created)}`;
      const seq = (seqs.get(period) ?? 0) + 1;
      seqs.set(period, seq);
      const number = formatOrderNumber(settings.number_format, created, seq);

      // Walk the stages forward in time until now or an exceptional end.
      const timeline: { stage: OrderStage; at: Date }[] = [{ stage: 'accepted', at: created }];
      let t = created.getTime();
      let stage: OrderStage = 'accepted';
      for (const s of STAGES) {
        const [lo, hi] = TYPICAL[s]!;
        const slow = r.next() < 0.18 ? 3 : 1;
        const dur = (lo + r.next() * (hi - lo)) * slow * 3600_000;
        if (t + dur > now.getTime()) break;
        t += dur;
        stage = STAGES[STAGES.indexOf(s) + 1] ?? 'billing_started';
        timeline.push({ stage, at: new Date(t) });
      }
      const roll = r.next();
      const open = stage !== 'billing_started';
      let state: string =
        stage === 'billing_started' ? 'completed' : stage === 'accepted' ? 'acknowledged' : 'in_progress';
      let closedAt: Date | null = stage === 'billing_started' ? new Date(t) : null;
      let note: string | null = null;
      if (open && roll < 0.07 && STAGES.indexOf(stage as never) < 2) {
        state = 'cancelled';
        closedAt = new Date(t + 3600_000 * r.int(1, 8));
        if (closedAt > now) closedAt = now;
        note = r.pick(['客户选址变更', '预算调整，暂不办理', '已改用其他方案']);
      } else if (open && roll < 0.1) {
        state = 'held';
        note = r.pick(['客户要求延期施工', '物业未同意进场', '等待客户机房改造']);
      } else if (open && roll < 0.13 && stage === 'resourcing') {
        state = 'failed';
        closedAt = new Date(Math.min(now.getTime(), t + 3600_000 * 30));
        note = '装机地址无光网覆盖，资源不具备';
      }
      const isOpen = ['acknowledged', 'in_progress', 'held'].includes(state);
      const last = timeline.at(-1)!;
      const target = settings.stage_targets[stage] ?? 24;
      const contractMonths = Math.max(0, ...priced.map((p) => p.o.contract_months));
      const contact = r.pick(CONTACTS);
      const order = await tx
        .insertInto('orders')
        .values({
          number,
          channel: r.next() < 0.7 ? 'shop' : 'staff',
          state,
          stage,
          stage_entered_at: last.at,
          stage_deadline:
            isOpen && stage !== 'billing_started' ? new Date(last.at.getTime() + target * 3600_000) : null,
          customer_id: c.id,
          district_org_id: c.district_org_id,
          org_path: c.org_path,
          title:
            priced.length === 1
              ? `${priced[0]!.o.product_name}（${priced[0]!.o.name}）`
              : `${priced[0]!.o.product_name} 等 ${priced.length} 项`,
          contact_name: contact,
          contact_phone: `139${String(16000000 + n * 7919).slice(-8)}`,
          install_address: c.address ?? '上海市浦东新区世纪大道 100 号',
          total_one_time_fen: priced.reduce((s, p) => s + p.oneTimeFen, 0),
          total_monthly_fen: priced.reduce((s, p) => s + p.monthlyFen, 0),
          contract_months: contractMonths,
          contract_ends_at:
            state === 'completed' && contractMonths > 0
              ? new Date(new Date(closedAt!).setMonth(closedAt!.getMonth() + contractMonths))
              : null,
          promoter_id: r.next() < 0.3 ? c.account_manager_id : null,
          agreements: JSON.stringify(agreements),
          hold_reason: state === 'held' ? note : null,
          resume_state: state === 'held' ? (stage === 'accepted' ? 'acknowledged' : 'in_progress') : null,
          cancel_reason: state === 'cancelled' ? note : null,
          urge_count: isOpen && r.next() < 0.2 ? r.int(1, 3) : 0,
          created_at: created,
          completed_at: closedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const items = await tx
        .insertInto('order_items')
        .values(
          priced.map((p) => ({
            order_id: order.id,
            offer_id: p.o.id,
            product_id: p.o.product_id,
            product_code: p.o.product_code,
            product_name: p.o.product_name,
            offer_name: p.o.name,
            specs: JSON.stringify(p.specs),
            spec_text: p.specText,
            quantity: 1,
            one_time_fen: p.oneTimeFen,
            monthly_fen: p.monthlyFen,
            contract_months: p.o.contract_months,
          })),
        )
        .returning('id')
        .execute();
      const closedWork = state === 'cancelled' || state === 'failed';
      const soValues = priced.flatMap((p, i) =>
        (p.o.ends === 2 ? ['A端', 'Z端'] : ['本端']).map((end) => ({
          itemId: items[i]!.id,
          name: p.o.product_name,
          end,
        })),
      );
      const sos = await tx
        .insertInto('service_orders')
        .values(
          soValues.map((s, k) => ({
            order_id: order.id,
            order_item_id: s.itemId,
            number: `${number}-S${String(k + 1).padStart(2, '0')}`,
            product_name: s.name,
            end_label: s.end,
            state: state === 'completed' ? ('done' as const) : closedWork ? ('cancelled' as const) : ('open' as const),
          })),
        )
        .returning('id')
        .execute();
      const team = (fn: string) => teams.find((g) => g.parent_id === c.district_org_id && g.function === fn);
      const stageDone = (task: WorkOrderTask) =>
        timeline.find((x) => STAGES.indexOf(TASK_STAGE[task]) + 1 === ORDER_IDX(x.stage));
      let w = 0;
      const wo = (task: WorkOrderTask, soId: number | null) => {
        const g = team(TASK_TEAM[task]);
        const doneAt = stageDone(task)?.at ?? null;
        const current = TASK_STAGE[task] === stage;
        const worker =
          TASK_TEAM[task] === 'account'
            ? c.account_manager_id
            : (staffByOrg.find((u) => u.org_id === g?.id)?.id ?? null);
        const st = doneAt
          ? 'done'
          : closedWork
            ? 'cancelled'
            : current
              ? r.next() < 0.5 && TASK_TEAM[task] !== 'account'
                ? 'in_progress'
                : 'ready'
              : 'waiting';
        return {
          order_id: order.id,
          service_order_id: soId,
          number: `${number}-W${String(++w).padStart(2, '0')}`,
          task,
          state: st as 'done' | 'cancelled' | 'in_progress' | 'ready' | 'waiting',
          assignee_org_id: g?.id ?? null,
          assignee_org_path: g?.path ?? null,
          assignee_user_id: TASK_TEAM[task] === 'account' || st === 'done' || st === 'in_progress' ? worker : null,
          started_at:
            st === 'in_progress'
              ? new Date(last.at.getTime() + 1800_000)
              : doneAt
                ? new Date(doneAt.getTime() - 3600_000)
                : null,
          done_at: doneAt,
          done_by: doneAt ? worker : null,
          result: doneAt ? RESULTS[task] : null,
          created_at: created,
        };
      };
      await tx
        .insertInto('order_work_orders')
        .values([
          wo('review', null),
          ...sos.flatMap((s) => [wo('resource', s.id), wo('install', s.id)]),
          wo('billing', null),
        ])
        .execute();
      const events = [
        {
          order_id: order.id,
          kind: 'created',
          to_state: 'acknowledged',
          to_stage: 'accepted',
          note: '企业在线下单',
          actor_id: null,
          actor_name: contact,
          created_at: created,
        },
        ...timeline.slice(1).map((x, i) => ({
          order_id: order.id,
          kind: 'stage',
          from_state: i === 0 ? 'acknowledged' : null,
          to_state: i === 0 ? 'in_progress' : x.stage === 'billing_started' ? 'completed' : null,
          from_stage: timeline[i]!.stage,
          to_stage: x.stage,
          note: STAGE_NOTES[x.stage] ?? null,
          actor_id: null,
          actor_name: r.pick(staffByOrg).display_name,
          created_at: x.at,
        })),
      ];
      if (state === 'held' || state === 'cancelled' || state === 'failed')
        events.push({
          order_id: order.id,
          kind: state === 'held' ? 'hold' : state,
          from_state: timeline.length > 1 ? 'in_progress' : 'acknowledged',
          to_state: state,
          from_stage: null as never,
          to_stage: null as never,
          note,
          actor_id: null,
          actor_name: '调度中心',
          created_at: closedAt ?? new Date(Math.min(now.getTime(), last.at.getTime() + 2 * 3600_000)),
        });
      await tx.insertInto('order_events').values(events).execute();
    }
    // Orders exist only for enterprises that passed 企业认证.
    await tx
      .updateTable('customers')
      .set({
        certification_status: 'certified',
        certification_method: 'staff',
        certified_at: new Date(now.getTime() - 40 * 86400_000),
      })
      .where('id', 'in', [...certified])
      .where('certification_status', '!=', 'certified')
      .execute();
    for (const [period, last] of seqs)
      await tx
        .insertInto('order_number_seq')
        .values({ period, last })
        .onConflict((oc) => oc.column('period').doUpdateSet({ last }))
        .execute();
  });
}

const ORDER_IDX = (s: OrderStage) =>
  ['accepted', 'resourcing', 'installing', 'completed', 'billing_started'].indexOf(s);
const RESULTS: Record<WorkOrderTask, string> = {
  review: '资料齐全，受理通过',
  resource: '端口与光路已分配',
  install: '施工完成，测速达标，客户签收',
  billing: '竣工验收通过，已起租',
};
const STAGE_NOTES: Partial<Record<OrderStage, string>> = {
  resourcing: '受理审核完成，转资源调配',
  installing: '资源已分配，已派装维上门',
  completed: '施工完成，客户签收',
  billing_started: '竣工验收通过，开始计费',
};
