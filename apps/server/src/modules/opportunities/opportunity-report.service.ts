import ExcelJS from 'exceljs';
import { sql, type SelectQueryBuilder } from 'kysely';
import {
  OPPORTUNITY_SOURCES,
  productByCode,
  type FunnelReport,
  type FunnelRow,
  type ReportColumn,
  type ReportFilters,
  type ReportListQuery,
  type ReportView,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor, AuthContext } from '../../platform/auth/context';
import type { Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import type { DB } from '../../db.types';
import { opportunityScope } from './opportunity.repo';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const COLUMN_LABELS: Record<ReportColumn, string> = {
  number: '商机编号',
  createdAt: '创建时间',
  source: '来源',
  sourceChannel: '来源渠道',
  customerName: '客户名称',
  productName: '产品',
  status: '状态',
  stage: '阶段',
  districtName: '区局',
  claimedByName: '认领人',
  claimedAt: '认领时间',
  firstCallAt: '首次外呼',
  claimToCallMinutes: '认领至首呼(分钟)',
  preAcceptanceNo: '预受理单号',
  accountManagerName: '客户经理',
  expectedRevenue: '预计收入(元)',
  orderNumber: '订单号',
  orderState: '订单状态',
  orderStage: '订单环节',
  convertedAt: '转化时间',
};
const SOURCE_ZH: Record<string, string> = {
  group_oao: '集团商机',
  lead_page: '翼企购留资',
  wecom: '企业微信',
  hotline: '热线',
  account_manager: '客户经理',
  campaign: '营销活动',
  import: '批量导入',
  tmf: 'TMF 接口',
};
const STATUS_ZH: Record<string, string> = {
  pool: '待认领',
  claimed: '已认领',
  valid: '有效待下单',
  dispatched: '客户经理跟进',
  converted: '已转化',
  invalid: '无效',
  terminated: '已终止',
};
const STAGE_ZH: Record<string, string> = {
  discovery: '发现商机',
  requirement_confirmed: '需求确认',
  solution: '方案制定',
  contract: '合同签订',
  order: '订单受理',
};
const ORDER_STAGE_ZH: Record<string, string> = {
  accepted: '业务受理',
  resourcing: '资源调配',
  installing: '施工安装',
  completed: '业务完工',
  billing_started: '起租',
};

type Q = SelectQueryBuilder<DB & { o: DB['opportunities'] }, 'o', object>;

const shDate = sql<string>`to_char(o.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

type TrendRow = FunnelReport['trend'][number];
const TREND_MAX_DAYS = 1000;
const DAY_MS = 86_400_000;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / DAY_MS;

/**
 * The daily trend with a row for every day, zeros where nothing was created: a day without opportunities is a point
 * on the chart, not a gap its neighbours close over. From the filter's first day (else the first day with data) to its
 * last (else the last day with data), not past `today` (Shanghai). A filter reaching back more than TREND_MAX_DAYS
 * starts at the first day with data; data spanning more than that is returned as it is.
 */
export function everyDay(rows: TrendRow[], f: { from?: string; to?: string }, today: string): TrendRow[] {
  const firstData = rows[0]?.date;
  const lastData = rows.at(-1)?.date;
  let first = f.from ?? firstData;
  let last = f.to ?? lastData;
  // a filter ending in the future stops today (or at the last data, should a clock have run ahead)
  if (last && last > today) last = lastData && lastData > today ? lastData : today;
  if (!first || !last) return rows;
  if (daysBetween(first, last) > TREND_MAX_DAYS && firstData) first = firstData;
  if (daysBetween(first, last) > TREND_MAX_DAYS) return rows;
  const byDate = new Map(rows.map((r) => [r.date, r]));
  const out: TrendRow[] = [];
  for (let d = first; d <= last; d = nextDay(d))
    out.push(byDate.get(d) ?? { date: d, created: 0, claimed: 0, converted: 0 });
  return out;
}

/** Today's date in Shanghai (UTC+8 all year). */
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

function filtered(ex: Executor, auth: AuthContext, f: ReportFilters): Q {
  let q = ex.selectFrom('opportunities as o').where((eb) => opportunityScope(eb, auth, null)) as unknown as Q;
  if (f.from) q = q.where(sql<boolean>`(o.created_at at time zone 'Asia/Shanghai')::date >= ${f.from}::date`);
  if (f.to) q = q.where(sql<boolean>`(o.created_at at time zone 'Asia/Shanghai')::date <= ${f.to}::date`);
  if (f.source) q = q.where('o.source', '=', f.source);
  if (f.productGroup) q = q.where('o.product_group', '=', f.productGroup);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.linkedOnly === 'true') q = q.where('o.order_number', 'is not', null);
  return q;
}

const funnelCols = {
  total: sql<number>`count(*)::int`,
  claimed: sql<number>`(count(*) filter (where o.status <> 'pool'))::int`,
  valid: sql<number>`(count(*) filter (where o.pre_acceptance_no is not null or o.status in ('dispatched', 'converted')))::int`,
  converted: sql<number>`(count(*) filter (where o.status = 'converted'))::int`,
  invalid: sql<number>`(count(*) filter (where o.status = 'invalid'))::int`,
};

export function opportunityReportService(ctx: AppContext) {
  const { db } = ctx;

  async function funnel(actor: Actor, f: ReportFilters): Promise<FunnelReport> {
    const auth = actor.auth!;
    const q = () => filtered(db, auth, f);
    const counts = (key: ReturnType<typeof sql<string>>) =>
      q().select([
        key.as('key'),
        funnelCols.total.as('total'),
        funnelCols.claimed.as('claimed'),
        funnelCols.valid.as('valid'),
        funnelCols.converted.as('converted'),
        funnelCols.invalid.as('invalid'),
      ]);
    const sel = (key: ReturnType<typeof sql<string>> | null) =>
      (key
        ? counts(key)
            .groupBy(key)
            .orderBy(sql`count(*)`, 'desc')
            .execute()
        : counts(sql<string>`'all'`).execute()) as Promise<FunnelRow[]>;
    const [totals, bySource, byProduct, trend, agents, districts] = await Promise.all([
      sel(null),
      sel(sql<string>`o.source`),
      sel(sql<string>`o.product_code`),
      q()
        .select([
          shDate.as('date'),
          sql<number>`count(*)::int`.as('created'),
          funnelCols.claimed.as('claimed'),
          funnelCols.converted.as('converted'),
        ])
        .groupBy(shDate)
        .orderBy(shDate)
        .execute(),
      q()
        .innerJoin('users as u', 'u.id', 'o.claimed_by')
        .select([
          'u.display_name as name',
          sql<number>`count(*)::int`.as('claimed'),
          funnelCols.valid.as('valid'),
          funnelCols.converted.as('converted'),
          sql<
            number | null
          >`round((avg(extract(epoch from (o.first_call_at - o.claimed_at)) / 60) filter (where o.first_call_at is not null and o.claimed_at is not null))::numeric, 1)::float8`.as(
            'avgClaimToCallMinutes',
          ),
        ])
        .groupBy(['u.id', 'u.display_name'])
        .orderBy(sql`count(*) filter (where o.status = 'converted')`, 'desc')
        .orderBy(sql`count(*)`, 'desc')
        .limit(20)
        .execute(),
      q()
        .innerJoin('orgs as d', 'd.id', 'o.district_org_id')
        .select(['d.name as name', sql<number>`count(*)::int`.as('total'), funnelCols.converted.as('converted')])
        .groupBy(['d.id', 'd.name'])
        .orderBy(sql`count(*) filter (where o.status = 'converted')`, 'desc')
        .orderBy(sql`count(*)`, 'desc')
        .limit(20)
        .execute(),
    ]);
    const empty: FunnelRow = { key: 'all', total: 0, claimed: 0, valid: 0, converted: 0, invalid: 0 };
    return {
      totals: totals[0] ?? empty,
      bySource,
      byProduct,
      trend: everyDay(trend, f, shanghaiToday()),
      agents: agents.map((a) => ({ ...a, avgClaimToCallMinutes: a.avgClaimToCallMinutes ?? null })),
      districts,
    };
  }

  async function rows(actor: Actor, q: ReportListQuery, limit: number, offset: number) {
    const base = filtered(db, actor.auth!, q);
    const list = await base
      .leftJoin('orgs as d', 'd.id', 'o.district_org_id')
      .leftJoin('users as cu', 'cu.id', 'o.claimed_by')
      .leftJoin('users as am', 'am.id', 'o.account_manager_id')
      .select([
        'o.id',
        'o.number',
        'o.created_at',
        'o.source',
        'o.source_channel',
        'o.customer_name',
        'o.product_code',
        'o.status',
        'o.stage',
        'd.name as district_name',
        'cu.display_name as claimed_by_name',
        'o.claimed_at',
        'o.first_call_at',
        'o.pre_acceptance_no',
        'am.display_name as account_manager_name',
        'o.expected_revenue',
        'o.order_number',
        'o.order_state',
        'o.order_stage',
        'o.converted_at',
      ])
      .orderBy('o.created_at', 'desc')
      .orderBy('o.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const value = (r: (typeof list)[number], c: ReportColumn): string | number | null => {
      switch (c) {
        case 'number':
          return r.number;
        case 'createdAt':
          return r.created_at.toISOString();
        case 'source':
          return SOURCE_ZH[r.source] ?? r.source;
        case 'sourceChannel':
          return r.source_channel;
        case 'customerName':
          return r.customer_name;
        case 'productName':
          return productByCode(r.product_code)?.name ?? r.product_code;
        case 'status':
          return STATUS_ZH[r.status] ?? r.status;
        case 'stage':
          return r.stage ? (STAGE_ZH[r.stage] ?? r.stage) : null;
        case 'districtName':
          return r.district_name;
        case 'claimedByName':
          return r.claimed_by_name;
        case 'claimedAt':
          return r.claimed_at?.toISOString() ?? null;
        case 'firstCallAt':
          return r.first_call_at?.toISOString() ?? null;
        case 'claimToCallMinutes':
          return r.first_call_at && r.claimed_at
            ? Math.round((r.first_call_at.getTime() - r.claimed_at.getTime()) / 6000) / 10
            : null;
        case 'preAcceptanceNo':
          return r.pre_acceptance_no;
        case 'accountManagerName':
          return r.account_manager_name;
        case 'expectedRevenue':
          return r.expected_revenue === null ? null : Number(r.expected_revenue);
        case 'orderNumber':
          return r.order_number;
        case 'orderState':
          return r.order_state;
        case 'orderStage':
          return r.order_stage ? (ORDER_STAGE_ZH[r.order_stage] ?? r.order_stage) : null;
        case 'convertedAt':
          return r.converted_at?.toISOString() ?? null;
      }
    };
    return {
      total: Number(total.n),
      items: list.map((r) => ({ id: r.id, values: Object.fromEntries(q.columns.map((c) => [c, value(r, c)])) })),
    };
  }

  return {
    funnel,

    async list(actor: Actor, q: ReportListQuery) {
      const r = await rows(actor, q, q.pageSize, (q.page - 1) * q.pageSize);
      return { ...r, columns: q.columns, page: q.page, pageSize: q.pageSize };
    },

    /** The chosen columns and filters as a workbook (up to 50,000 rows), with the funnel on a second sheet. */
    async exportXlsx(actor: Actor, q: ReportListQuery): Promise<Buffer> {
      const { items } = await rows(actor, q, 50_000, 0);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('商机明细');
      ws.columns = q.columns.map((c) => ({
        header: COLUMN_LABELS[c],
        key: c,
        width: Math.max(12, COLUMN_LABELS[c].length * 2 + 4),
      }));
      ws.getRow(1).font = { bold: true };
      for (const it of items) ws.addRow(it.values);
      const f = await funnel(actor, q);
      const fs = wb.addWorksheet('转化漏斗');
      fs.columns = [
        { header: '来源', key: 'key', width: 16 },
        { header: '商机数', key: 'total', width: 10 },
        { header: '已认领', key: 'claimed', width: 10 },
        { header: '有效', key: 'valid', width: 10 },
        { header: '已转化', key: 'converted', width: 10 },
        { header: '无效', key: 'invalid', width: 10 },
      ];
      fs.getRow(1).font = { bold: true };
      for (const r of f.bySource) fs.addRow({ ...r, key: SOURCE_ZH[r.key] ?? r.key });
      fs.addRow({ ...f.totals, key: '合计' });
      return Buffer.from(await wb.xlsx.writeBuffer());
    },

    async views(actor: Actor): Promise<ReportView[]> {
      const rows = await db
        .selectFrom('opportunity_report_views')
        .select(['id', 'name', 'columns', 'filters'])
        .where('user_id', '=', actor.auth!.user.id)
        .orderBy('name')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        columns: r.columns as ReportColumn[],
        filters: r.filters as ReportFilters,
      }));
    },

    async saveView(
      actor: Actor,
      v: { name: string; columns: ReportColumn[]; filters: ReportFilters },
    ): Promise<ReportView> {
      const row = await db
        .insertInto('opportunity_report_views')
        .values({ user_id: actor.auth!.user.id, name: v.name, columns: v.columns, filters: JSON.stringify(v.filters) })
        .onConflict((oc) =>
          oc.columns(['user_id', 'name']).doUpdateSet({ columns: v.columns, filters: JSON.stringify(v.filters) }),
        )
        .returning(['id'])
        .executeTakeFirstOrThrow();
      return { id: row.id, ...v };
    },

    async deleteView(actor: Actor, id: number) {
      const r = await db
        .deleteFrom('opportunity_report_views')
        .where('id', '=', id)
        .where('user_id', '=', actor.auth!.user.id)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1) throw new AppError('NOT_FOUND');
    },
  };
}

export { OPPORTUNITY_SOURCES };
