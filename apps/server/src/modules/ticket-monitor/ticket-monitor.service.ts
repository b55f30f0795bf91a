import {
  MONITOR_MAX_DAYS,
  REQUEST_TYPES,
  SLA_STAGES,
  TICKET_STATUSES,
  type MonitorOrgRef,
  type Role,
  type TicketMonitorByOrg,
  type TicketMonitorByPerson,
  type TicketMonitorOrgRow,
  type TicketMonitorQuery,
  type TicketMonitorSummary,
  type TicketStatus,
  type RequestType,
  type SlaStage,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor, AuthContext } from '../../platform/auth/context';
import type { Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import {
  ticketMonitorRepo as repo,
  type ClockFigures,
  type MonitorWindow,
  type TicketFigures,
} from './ticket-monitor.repo';

const DAY_MS = 24 * 3600_000;
const CN_OFFSET_MS = 8 * 3600_000;

type OrgRow = NonNullable<Awaited<ReturnType<typeof repo.org>>>;

/** Today's date in China time. */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + CN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole China-time days [from, to] → instants [from 00:00, day after `to` 00:00). Default: the last 30 days. */
export function monitorWindow(
  q: Pick<TicketMonitorQuery, 'from' | 'to'>,
  now: Date,
): MonitorWindow & { fromDay: string; toDay: string; days: number } {
  const toDay = q.to ?? chinaDay(now);
  const fromDay = q.from ?? chinaDay(new Date(Date.parse(`${toDay}T00:00:00+08:00`) - 29 * DAY_MS));
  const from = new Date(`${fromDay}T00:00:00+08:00`);
  const to = new Date(Date.parse(`${toDay}T00:00:00+08:00`) + DAY_MS);
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS);
  if (days < 1)
    throw new AppError('VALIDATION_FAILED', [{ field: 'querystring.from', message: '开始日期不能晚于结束日期' }]);
  if (days > MONITOR_MAX_DAYS)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'querystring.from', message: `统计期间最长 ${MONITOR_MAX_DAYS} 天` },
    ]);
  return { from, to, now, fromDay, toDay, days };
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const round = (n: number | null, digits = 4) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

const emptyTicket = (key: number | null): TicketFigures => ({
  key,
  received: 0,
  resolved: 0,
  closed: 0,
  cancelled: 0,
  openBacklog: 0,
  rated: 0,
  ratingSum: 0,
  good: 0,
});
const emptyClock = (key: number | null): ClockFigures => ({ key, breaches: 0, ended: 0, onTime: 0 });

function rowMetrics(t: TicketFigures, c: ClockFigures) {
  return {
    received: t.received,
    closed: t.closed,
    openBacklog: t.openBacklog,
    breaches: c.breaches,
    ended: c.ended,
    onTime: c.onTime,
    rate: round(rate(c.onTime, c.ended)),
    rated: t.rated,
    avgRating: round(rate(t.ratingSum, t.rated), 2),
  };
}

const orgRef = (o: OrgRow): MonitorOrgRef => ({
  id: o.id,
  name: o.name,
  type: o.type as MonitorOrgRef['type'],
  parentId: o.parent_id,
});

export function ticketMonitorService(ctx: AppContext) {
  const { db } = ctx;

  /** The top of what the viewer may monitor: its data scope's org node (the whole tree for `all`). */
  async function viewerRoot(ex: Executor, auth: AuthContext): Promise<OrgRow> {
    const s = auth.scope;
    const root =
      s.kind === 'all'
        ? ((auth.user.orgId ? await repo.org(ex, auth.user.orgId) : null) ?? (await repo.rootOrg(ex)))
        : s.kind === 'org'
          ? await repo.orgByPath(ex, s.orgPath)
          : null;
    if (!root) throw new AppError('FORBIDDEN', { reason: 'no organisation to monitor' });
    return root;
  }

  /** The chosen org (default: the viewer's own node); it must lie inside the viewer's scope. */
  async function resolveOrg(ex: Executor, auth: AuthContext, orgId: number | undefined) {
    const root = await viewerRoot(ex, auth);
    if (!orgId) return { org: root, root };
    const org = await repo.org(ex, orgId);
    if (!org) throw new AppError('NOT_FOUND', { orgId });
    if (auth.scope.kind !== 'all' && !org.path.startsWith(root.path)) throw new AppError('FORBIDDEN', { orgId });
    return { org, root: auth.scope.kind === 'all' && !org.path.startsWith(root.path) ? org : root };
  }

  async function summary(actor: Actor, q: TicketMonitorQuery, now = new Date()): Promise<TicketMonitorSummary> {
    const auth = actor.auth!;
    const w = monitorWindow(q, now);
    const { org } = await resolveOrg(db, auth, q.orgId);
    const p = org.path;
    const [tf, cf, statuses, types, backlog, stages, ratings, trend] = await Promise.all([
      repo.ticketFigures(db, auth, p, 'none', w),
      repo.clockFigures(db, auth, p, 'none', w),
      repo.byStatus(db, auth, p),
      repo.byType(db, auth, p, w),
      repo.stageBacklog(db, auth, p, now),
      repo.stageFigures(db, auth, p, w),
      repo.ratingDistribution(db, auth, p, w),
      repo.trend(db, auth, p, w),
    ]);
    const t = tf[0] ?? emptyTicket(null);
    const c = cf[0] ?? emptyClock(null);
    const byDay = new Map(trend.map((d) => [d.day, d]));
    const series = Array.from({ length: w.days }, (_, i) => {
      const d = chinaDay(new Date(w.from.getTime() + i * DAY_MS));
      const v = byDay.get(d);
      return { day: d, received: v?.received ?? 0, closed: v?.closed ?? 0, breaches: v?.breaches ?? 0 };
    });
    const stageOf = (s: SlaStage) => stages.find((x) => x.stage === s);
    return {
      org: orgRef(org),
      period: { from: w.fromDay, to: w.toDay, days: w.days },
      generatedAt: now.toISOString(),
      totals: {
        received: t.received,
        resolved: t.resolved,
        closed: t.closed,
        cancelled: t.cancelled,
        openBacklog: t.openBacklog,
        breaches: c.breaches,
      },
      backlogByStatus: TICKET_STATUSES.filter((s) => s !== 'closed' && s !== 'cancelled').map((s: TicketStatus) => ({
        status: s,
        count: statuses.find((x) => x.status === s)?.count ?? 0,
      })),
      backlogByStage: SLA_STAGES.map((s) => {
        const b = backlog.find((x) => x.stage === s);
        const v = { ok: b?.ok ?? 0, warning: b?.warning ?? 0, breached: b?.breached ?? 0, paused: b?.paused ?? 0 };
        return { stage: s, ...v, total: v.ok + v.warning + v.breached + v.paused };
      }),
      breachesByStage: SLA_STAGES.map((s) => ({ stage: s, count: stageOf(s)?.breaches ?? 0 })),
      timeliness: { ended: c.ended, onTime: c.onTime, rate: round(rate(c.onTime, c.ended)) },
      timelinessByStage: SLA_STAGES.map((s) => {
        const x = stageOf(s);
        return {
          stage: s,
          ended: x?.ended ?? 0,
          onTime: x?.onTime ?? 0,
          rate: round(rate(x?.onTime ?? 0, x?.ended ?? 0)),
        };
      }),
      satisfaction: {
        rated: t.rated,
        average: round(rate(t.ratingSum, t.rated), 2),
        goodShare: round(rate(t.good, t.rated)),
        distribution: [1, 2, 3, 4, 5].map((star) => ratings.find((r) => r.rating === star)?.count ?? 0),
      },
      volumesByType: types
        .filter((x) => (REQUEST_TYPES as readonly string[]).includes(x.type))
        .map((x) => ({ type: x.type as RequestType, count: x.count })),
      trend: series,
    };
  }

  async function byOrg(actor: Actor, q: TicketMonitorQuery, now = new Date()): Promise<TicketMonitorByOrg> {
    const auth = actor.auth!;
    const w = monitorWindow(q, now);
    const { org, root } = await resolveOrg(db, auth, q.orgId);
    const key = { childrenOf: org.path };
    const [children, tf, cf] = await Promise.all([
      repo.children(db, org.id),
      repo.ticketFigures(db, auth, org.path, key, w),
      repo.clockFigures(db, auth, org.path, key, w),
    ]);
    // Figures keyed by a child id, or null for tickets that sit with the chosen org itself.
    const childIds = new Set(children.map((c) => c.id));
    const norm = (k: number | null) => (k !== null && childIds.has(k) ? k : null);
    const tBy = new Map<number | null, TicketFigures>();
    for (const r of tf) {
      const k = norm(r.key);
      const cur = tBy.get(k) ?? emptyTicket(k);
      tBy.set(k, addTicket(cur, r));
    }
    const cBy = new Map<number | null, ClockFigures>();
    for (const r of cf) {
      const k = norm(r.key);
      const cur = cBy.get(k) ?? emptyClock(k);
      cBy.set(k, {
        key: k,
        breaches: cur.breaches + r.breaches,
        ended: cur.ended + r.ended,
        onTime: cur.onTime + r.onTime,
      });
    }
    const rows: TicketMonitorOrgRow[] = children.map((ch) => ({
      orgId: ch.id,
      orgName: ch.name,
      orgType: ch.type as TicketMonitorOrgRow['orgType'],
      self: false,
      hasChildren: Boolean(ch.has_children),
      ...rowMetrics(tBy.get(ch.id) ?? emptyTicket(ch.id), cBy.get(ch.id) ?? emptyClock(ch.id)),
    }));
    const own = rowMetrics(tBy.get(null) ?? emptyTicket(null), cBy.get(null) ?? emptyClock(null));
    if (own.received || own.closed || own.openBacklog || own.breaches || own.ended || own.rated || !children.length) {
      rows.push({
        orgId: org.id,
        orgName: `${org.name}（本级）`,
        orgType: org.type as TicketMonitorOrgRow['orgType'],
        self: true,
        hasChildren: false,
        ...own,
      });
    }
    const allT = [...tBy.values()].reduce(addTicket, emptyTicket(null));
    const allC = [...cBy.values()].reduce(
      (a, r) => ({
        key: null,
        breaches: a.breaches + r.breaches,
        ended: a.ended + r.ended,
        onTime: a.onTime + r.onTime,
      }),
      emptyClock(null),
    );
    const pathIds = org.path.split('/').filter(Boolean).map(Number);
    const crumbs = (await repo.orgsByIds(db, pathIds))
      .filter((o) => o.path.startsWith(root.path))
      .sort((a, b) => a.path.length - b.path.length);
    return {
      org: orgRef(org),
      path: crumbs.map((o) => ({ id: o.id, name: o.name })),
      period: { from: w.fromDay, to: w.toDay, days: w.days },
      rows,
      total: rowMetrics(allT, allC),
    };
  }

  async function byPerson(actor: Actor, q: TicketMonitorQuery, now = new Date()): Promise<TicketMonitorByPerson> {
    const auth = actor.auth!;
    const w = monitorWindow(q, now);
    const { org } = await resolveOrg(db, auth, q.orgId);
    const [tf, cf] = await Promise.all([
      repo.ticketFigures(db, auth, org.path, 'assignee_user', w),
      repo.clockFigures(db, auth, org.path, 'assignee_user', w),
    ]);
    const ids = [...new Set([...tf, ...cf].map((r) => r.key).filter((k): k is number => k !== null))];
    const users = new Map((await repo.users(db, ids)).map((u) => [u.id, u]));
    const rows = ids
      .map((id) => {
        const u = users.get(id);
        return {
          userId: id,
          userName: u?.display_name ?? `#${id}`,
          role: (u?.role ?? 'technician') as Role,
          orgId: u?.org_id ?? null,
          orgName: u?.org_name ?? null,
          ...rowMetrics(
            tf.find((r) => r.key === id) ?? emptyTicket(id),
            cf.find((r) => r.key === id) ?? emptyClock(id),
          ),
        };
      })
      // Busiest first, then by name for a stable order.
      .sort((a, b) => b.received - a.received || b.closed - a.closed || a.userName.localeCompare(b.userName, 'zh'));
    return { org: orgRef(org), period: { from: w.fromDay, to: w.toDay, days: w.days }, rows };
  }

  return { summary, byOrg, byPerson };
}

function addTicket(a: TicketFigures, r: TicketFigures): TicketFigures {
  return {
    key: a.key,
    received: a.received + r.received,
    resolved: a.resolved + r.resolved,
    closed: a.closed + r.closed,
    cancelled: a.cancelled + r.cancelled,
    openBacklog: a.openBacklog + r.openBacklog,
    rated: a.rated + r.rated,
    ratingSum: a.ratingSum + r.ratingSum,
    good: a.good + r.good,
  };
}
