import {
  applyStageAction,
  approvalLevelsFor,
  OPPORTUNITY_STAGES,
  type ClaimResult,
  type CreateOpportunity,
  type IntakeResult,
  type OpportunityAction,
  type OpportunityDetail,
  type OpportunityListQuery,
  type OpportunitySettings,
  type OpportunityStage,
  type OpportunitySummary,
  type Page,
  type StageAction,
} from '@paidan/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../platform/app-context';
import type { Actor, AuthContext } from '../../platform/auth/context';
import { retryOnDeadlock, withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { scopeCovers } from '../../platform/events/sse';
import { notificationService } from '../notifications/notification.service';
import { opportunityRepo, type AgentScope, type ClaimRequest, type OpportunityRow } from './opportunity.repo';
import { toCall, toDetail, toEvent, toSummary } from './opportunity-mapper';
import { actorLabel, intakeService } from './opportunity-intake';
import { publishOpportunities, publishOpportunity, type LiveChange } from './opportunity-live';
import { batchByTurn, gatherWhileBusy } from '../../platform/util/batch';
import { linkOrderByNumber, pushStatus } from './opportunity-orders';

const OPEN_FOR_AGENT = ['claimed', 'valid'];

/** The answer to a claim that did not win. */
const CLAIM_REFUSED = {
  not_found: 'OPPORTUNITY_NOT_FOUND',
  not_entitled: 'OPPORTUNITY_NOT_ENTITLED',
  claimed: 'OPPORTUNITY_ALREADY_CLAIMED',
} as const;

/** What the viewer may do with this opportunity now (the UI shows only these; the service re-checks each). */
export function allowedActions(r: OpportunityRow, auth: AuthContext, entitledToPool: boolean): OpportunityAction[] {
  const me = auth.user.id;
  const a: OpportunityAction[] = [];
  const perms = auth.permissions;
  const work = perms.has('opportunity.work');
  const manage = perms.has('opportunity.manage');
  if (work && auth.user.role === 'hotline_agent' && r.status === 'pool' && entitledToPool) a.push('claim');
  if (work && r.claimed_by === me && OPEN_FOR_AGENT.includes(r.status)) {
    if (r.status === 'claimed') a.push('release', 'mark_valid', 'mark_invalid');
    a.push('call', 'dispatch');
    if (r.status === 'valid') a.push('feedback');
  }
  if (work && r.account_manager_id === me && r.status === 'dispatched') {
    a.push('call');
    const state = stageState(r);
    for (const s of ['advance', 'rollback', 'terminate'] as StageAction[])
      if (applyStageAction(state, s, 'x').ok) a.push(s);
    if (r.approval_levels > 0 && (r.approval_status === 'none' || r.approval_status === 'rejected'))
      a.push('request_approval');
    if (r.stage === 'contract' || r.stage === 'order') a.push('feedback');
  }
  if (manage && r.approval_status === 'pending' && auth.user.role === 'supervisor') a.push('decide_approval');
  if (manage && (r.status === 'pool' || r.status === 'claimed')) a.push('reassign', 'dispatch');
  return [...new Set(a)];
}

function stageState(r: OpportunityRow) {
  return {
    stage: (r.stage ?? 'discovery') as OpportunityStage,
    ended: r.status !== 'dispatched',
    approvalLevels: r.approval_levels,
    approval: r.approval_status as 'none' | 'pending' | 'approved' | 'rejected',
  };
}

/** The org depth of a path: /1/ → 1 (province), /1/2/ → 2 (branch), /1/2/3/ → 3 (district). */
const depth = (path: string | null) => (path ? path.split('/').filter(Boolean).length : 99);

export function opportunityService(ctx: AppContext, log?: Pick<FastifyBaseLogger, 'warn'>) {
  const { db } = ctx;
  const intakes = intakeService(ctx);
  const notices = notificationService(ctx);

  async function agentScopeOf(ex: Executor, auth: AuthContext): Promise<AgentScope | null> {
    return auth.user.role === 'hotline_agent' && !('client' in auth)
      ? opportunityRepo.agentScope(ex, auth.user.id)
      : null;
  }

  async function detail(ex: Executor, auth: AuthContext, id: number): Promise<OpportunityDetail> {
    const agent = await agentScopeOf(ex, auth);
    const r = await opportunityRepo.get(ex, auth, id, agent);
    if (!r) throw new AppError('OPPORTUNITY_NOT_FOUND');
    const [events, calls, approvals] = await Promise.all([
      opportunityRepo.events(ex, id),
      opportunityRepo.calls(ex, id),
      opportunityRepo.approvals(ex, id, r.approval_round),
    ]);
    const orderable =
      r.pre_acceptance_no &&
      !r.order_number &&
      (r.status === 'valid' || (r.status === 'dispatched' && r.stage === 'order'));
    // the order form fills in the opportunity's contact, enterprise and product from it
    const params = new URLSearchParams({ opportunity: String(r.id) });
    if (r.customer_id) params.set('customerId', String(r.customer_id));
    if (r.pre_acceptance_no) params.set('preAcceptanceNo', r.pre_acceptance_no);
    return toDetail(r, auth, {
      events: events.map(toEvent),
      calls: calls.map(toCall),
      approvals: approvals.map((a) => ({
        level: a.level,
        decision: a.decision,
        deciderName: a.decider_name,
        comment: a.comment,
        at: new Date(a.at).toISOString(),
      })),
      actions: 'client' in auth ? [] : allowedActions(r, auth, r.status === 'pool'),
      orderUrl: orderable ? `/orders/new?${params.toString()}` : null,
    });
  }

  /**
   * One change to one opportunity: lock the row, check it is visible to the actor and unchanged since it was read
   * (version), then let `fn` check the rules and write. Everything commits together.
   */
  async function change(
    actor: Actor,
    id: number,
    version: number | null,
    fn: (tx: Executor, r: OpportunityRow, auth: AuthContext) => Promise<void>,
  ): Promise<OpportunityDetail> {
    const auth = actor.auth!;
    await withTx(db, async (tx) => {
      const locked = await opportunityRepo.lock(tx, id);
      const agent = await agentScopeOf(tx, auth);
      const r = locked ? await opportunityRepo.get(tx, auth, id, agent) : undefined;
      if (!r) throw new AppError('OPPORTUNITY_NOT_FOUND');
      if (version !== null && r.version !== version) throw new AppError('CONFLICT', { version: r.version });
      await fn(tx, r, auth);
    });
    return detail(db, auth, id);
  }

  const event = (tx: Executor, actor: Actor, id: number, action: string, note?: string | null, data?: object) => {
    const who = actorLabel(actor);
    return opportunityRepo.addEvent(tx, {
      opportunityId: id,
      actorId: who.id,
      actorName: who.name,
      actorRole: who.role,
      action,
      note: note ?? null,
      data: (data ?? {}) as Record<string, unknown>,
    });
  };

  async function update(tx: Executor, id: number, set: Record<string, unknown>) {
    await tx
      .updateTable('opportunities')
      .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  function requireClaimant(r: OpportunityRow, auth: AuthContext, statuses = OPEN_FOR_AGENT) {
    if (!auth.permissions.has('opportunity.work') || r.claimed_by !== auth.user.id)
      throw new AppError('OPPORTUNITY_NOT_CLAIMANT');
    if (!statuses.includes(r.status)) throw new AppError('OPPORTUNITY_WRONG_STATUS', { status: r.status });
  }
  function requireManager(r: OpportunityRow, auth: AuthContext) {
    if (!auth.permissions.has('opportunity.work') || r.account_manager_id !== auth.user.id)
      throw new AppError('OPPORTUNITY_NOT_CLAIMANT');
    if (r.stage && (r.status === 'terminated' || r.status === 'converted'))
      throw new AppError('OPPORTUNITY_STAGE_ENDED');
    if (r.status !== 'dispatched') throw new AppError('OPPORTUNITY_WRONG_STATUS', { status: r.status });
  }

  /**
   * Claims that arrive together (a rush on new pool items) go to the database as one statement; each request still
   * gets its own answer. The agents are told that the claimed items vanished after the answers: the winners of claim
   * statements that overlap (a rush is a few of them per instance) in one notice, once none is under way (10 ms
   * quiet, 100 ms at most), so an agent's pool page hears of a rush once or twice instead of once per statement. A
   * claim is committed and answered whether or not that notice goes out (a failure is logged; the pool pages then
   * drop the item on their next load, and a late click hears 已被认领).
   */
  const vanished = gatherWhileBusy<LiveChange>(
    (changes) =>
      void publishOpportunities(db, ctx.events, changes).catch((err: unknown) =>
        log?.warn({ err, opportunities: changes.map((v) => v.o.id) }, 'claimed opportunities not announced'),
      ),
    { quietMs: 10, maxWaitMs: 100 },
  );
  const claimTogether = batchByTurn(async (reqs: ClaimRequest[]) => {
    const told = vanished.begin();
    const won: LiveChange[] = [];
    try {
      const outcomes = await retryOnDeadlock(() => opportunityRepo.claimMany(db, reqs));
      for (const r of outcomes)
        if (r.ok)
          won.push({
            o: { id: r.id, status: 'claimed', product_group: r.product_group, region_path: r.region_path },
            pool: true,
          });
      return outcomes;
    } finally {
      told(won);
    }
  });

  const live = (tx: Executor, r: OpportunityRow, set: Partial<OpportunityRow>, pool = false, also: number[] = []) =>
    publishOpportunity(tx, ctx.events, { ...r, ...set }, { pool, also: [r.claimed_by, r.account_manager_id, ...also] });

  return {
    detail: (actor: Actor, id: number) => detail(db, actor.auth!, id),

    async list(actor: Actor, q: OpportunityListQuery): Promise<Page<OpportunitySummary>> {
      const auth = actor.auth!;
      const agent = await agentScopeOf(db, auth);
      const { items, total } = await opportunityRepo.list(db, auth, agent, q);
      return { items: items.map((r) => toSummary(r, auth)), total, page: q.page, pageSize: q.pageSize };
    },

    /** Staff entry: hotline (into the pool, or kept), 企业微信, campaign, account manager (its own pipeline). */
    async create(actor: Actor, input: CreateOpportunity): Promise<IntakeResult> {
      const auth = actor.auth!;
      const role = auth.user.role;
      const start =
        role === 'account_manager'
          ? ({ kind: 'account_manager', userId: auth.user.id } as const)
          : input.claim && role === 'hotline_agent'
            ? ({ kind: 'claimed', userId: auth.user.id } as const)
            : ({ kind: 'pool' } as const);
      return withTx(db, (tx) =>
        intakes.intake(tx, actor, {
          source: role === 'account_manager' ? 'account_manager' : input.source,
          sourceChannel: input.sourceChannel ?? null,
          customerId: input.customerId ?? null,
          customerName: input.customerName ?? null,
          creditCode: input.creditCode ?? null,
          contactName: input.contactName,
          contactPhone: input.contactPhone,
          productCode: input.productCode,
          need: input.need,
          expectedRevenue: input.expectedRevenue ?? null,
          deadline: input.deadline ?? null,
          districtOrgId: input.districtOrgId ?? null,
          start,
        }),
      );
    },

    /**
     * 抢单: one conditional UPDATE (with the timeline row in the same statement), no explicit transaction: exactly
     * one agent wins on any number of instances, a late one hears "已被认领". The live update follows the commit.
     */
    async claim(actor: Actor, id: number): Promise<ClaimResult> {
      const auth = actor.auth!;
      if (auth.user.role !== 'hotline_agent' || 'client' in auth)
        throw new AppError('OPPORTUNITY_NOT_ENTITLED', { role: auth.user.role });
      const r = await claimTogether({
        id,
        user: { id: auth.user.id, name: auth.user.displayName, role: auth.user.role },
      });
      if (!r.ok) throw new AppError(CLAIM_REFUSED[r.reason]);
      return { id: r.id, number: r.number, status: 'claimed', version: r.version };
    },

    release: (actor: Actor, id: number, version: number) =>
      change(actor, id, version, async (tx, r, auth) => {
        requireClaimant(r, auth, ['claimed']);
        const set = { status: 'pool', claimed_by: null, claimed_at: null, claim_expires_at: null };
        await update(tx, id, set);
        await event(tx, actor, id, 'released');
        await live(tx, r, set, true);
      }),

    call: (actor: Actor, id: number, version: number, input: { result: string; note?: string }) =>
      change(actor, id, version, async (tx, r, auth) => {
        if (r.account_manager_id === auth.user.id && r.status === 'dispatched') requireManager(r, auth);
        else requireClaimant(r, auth);
        const now = new Date();
        await tx
          .insertInto('opportunity_calls')
          .values({
            opportunity_id: id,
            user_id: auth.user.id,
            called_at: now,
            result: input.result,
            note: input.note ?? null,
          })
          .execute();
        // A call works the claim: it no longer returns to the pool by itself.
        await update(tx, id, { first_call_at: r.first_call_at ?? now, claim_expires_at: null });
        await event(tx, actor, id, 'called', input.note, { result: input.result });
      }),

    markValid: (actor: Actor, id: number, version: number) =>
      change(actor, id, version, async (tx, r, auth) => {
        requireClaimant(r, auth, ['claimed']);
        const no = await opportunityRepo.nextPreAcceptanceNo(tx, new Date());
        await update(tx, id, { status: 'valid', pre_acceptance_no: no, claim_expires_at: null });
        await event(tx, actor, id, 'marked_valid', null, { preAcceptanceNo: no });
        await recordAudit(tx, actor, {
          action: 'opportunity.valid',
          entityType: 'opportunity',
          entityId: id,
          after: { preAcceptanceNo: no },
        });
        await pushStatus(tx, r, 'valid', { preAcceptanceNo: no });
      }),

    markInvalid: (actor: Actor, id: number, version: number, input: { reason: string; note?: string }) =>
      change(actor, id, version, async (tx, r, auth) => {
        requireClaimant(r, auth, ['claimed']);
        await update(tx, id, {
          status: 'invalid',
          invalid_reason: input.reason,
          claim_expires_at: null,
          closed_at: new Date(),
        });
        await event(tx, actor, id, 'marked_invalid', input.note, { reason: input.reason });
        await recordAudit(tx, actor, {
          action: 'opportunity.invalid',
          entityType: 'opportunity',
          entityId: id,
          after: { reason: input.reason },
        });
        await pushStatus(tx, r, 'invalid', { reason: input.reason });
      }),

    dispatch: (actor: Actor, id: number, version: number, input: { accountManagerId?: number; note?: string }) =>
      change(actor, id, version, async (tx, r, auth) => {
        const manage = auth.permissions.has('opportunity.manage') && ['pool', 'claimed'].includes(r.status);
        if (!manage) requireClaimant(r, auth);
        const amId = await pickAccountManager(tx, r, input.accountManagerId);
        const settings = await opportunityRepo.settings(tx);
        const levels = approvalLevelsFor(
          r.expected_revenue === null ? null : Number(r.expected_revenue),
          settings.approvalThresholds,
        );
        const set = {
          status: 'dispatched',
          account_manager_id: amId,
          dispatched_at: new Date(),
          stage: 'discovery',
          approval_levels: levels,
          claim_expires_at: null,
        };
        await update(tx, id, set);
        const am = await tx.selectFrom('users').select('display_name').where('id', '=', amId).executeTakeFirstOrThrow();
        await event(tx, actor, id, 'dispatched', input.note, {
          accountManagerId: amId,
          accountManagerName: am.display_name,
        });
        await recordAudit(tx, actor, {
          action: 'opportunity.dispatched',
          entityType: 'opportunity',
          entityId: id,
          before: { status: r.status },
          after: { accountManagerId: amId },
        });
        await notices.notify(tx, {
          userIds: [amId],
          kind: 'opportunity.dispatched',
          title: `新商机派单：${r.customer_name}`,
          body: `${r.number} ${r.need}`.slice(0, 200),
          link: `/opportunities/${id}`,
        });
        await live(tx, r, set, r.status === 'pool', [amId]);
        await pushStatus(tx, r, 'dispatched', {});
      }),

    stage: (actor: Actor, id: number, version: number, input: { action: StageAction; reason?: string }) =>
      change(actor, id, version, async (tx, r, auth) => {
        requireManager(r, auth);
        const res = applyStageAction(stageState(r), input.action, input.reason);
        if (!res.ok) {
          const code = {
            ended: 'OPPORTUNITY_STAGE_ENDED',
            last_stage: 'OPPORTUNITY_STAGE_LAST',
            first_stage: 'OPPORTUNITY_STAGE_FIRST',
            approval_required: 'OPPORTUNITY_APPROVAL_REQUIRED',
            reason_required: 'OPPORTUNITY_REASON_REQUIRED',
          } as const;
          throw new AppError(code[res.reason]);
        }
        const set: Record<string, unknown> = { stage: res.stage };
        if (res.ended)
          Object.assign(set, { status: 'terminated', terminated_reason: input.reason, closed_at: new Date() });
        // The order stage needs the number the order will be placed with.
        if (res.stage === 'order' && !r.pre_acceptance_no)
          set.pre_acceptance_no = await opportunityRepo.nextPreAcceptanceNo(tx, new Date());
        await update(tx, id, set);
        const action =
          input.action === 'terminate'
            ? 'terminated'
            : input.action === 'advance'
              ? 'stage_advanced'
              : 'stage_rolled_back';
        await event(tx, actor, id, action, input.reason, {
          from: r.stage,
          to: res.stage,
          preAcceptanceNo: set.pre_acceptance_no,
        });
        await recordAudit(tx, actor, {
          action: `opportunity.${action}`,
          entityType: 'opportunity',
          entityId: id,
          before: { stage: r.stage },
          after: { stage: res.stage, ended: res.ended },
        });
        if (res.ended) await pushStatus(tx, r, 'terminated', { reason: input.reason });
      }),

    requestApproval: (actor: Actor, id: number, version: number) =>
      change(actor, id, version, async (tx, r, auth) => {
        requireManager(r, auth);
        if (r.approval_levels === 0 || !['none', 'rejected'].includes(r.approval_status))
          throw new AppError('OPPORTUNITY_WRONG_STATUS', { approvalStatus: r.approval_status });
        await update(tx, id, { approval_status: 'pending', approval_level: 0, approval_round: r.approval_round + 1 });
        await event(tx, actor, id, 'approval_requested', null, { levels: r.approval_levels });
        const sups = await approversFor(tx, r.region_path, 1);
        await notices.notify(tx, {
          userIds: sups,
          kind: 'opportunity.approval',
          title: `重大商机待审批：${r.customer_name}`,
          body: `${r.number} 预计收入 ¥${Number(r.expected_revenue ?? 0).toLocaleString('zh-CN')}`,
          link: `/opportunities/${id}`,
        });
      }),

    decideApproval: (actor: Actor, id: number, version: number, input: { approve: boolean; comment?: string }) =>
      change(actor, id, version, async (tx, r, auth) => {
        if (!auth.permissions.has('opportunity.manage') || auth.user.role !== 'supervisor')
          throw new AppError('OPPORTUNITY_APPROVER_NOT_ALLOWED');
        if (r.approval_status !== 'pending') throw new AppError('OPPORTUNITY_APPROVAL_NOT_PENDING');
        const level = r.approval_level + 1;
        const done = await opportunityRepo.approvals(tx, id, r.approval_round);
        // Level n needs a supervisor at most (4 - n) deep who covers the region and has not decided this round.
        if (
          depth(auth.user.orgPath) > 4 - level ||
          !scopeCovers(auth.scope, { orgPath: r.region_path }) ||
          done.some((d) => d.decided_by === auth.user.id)
        )
          throw new AppError('OPPORTUNITY_APPROVER_NOT_ALLOWED', { level });
        await tx
          .insertInto('opportunity_approvals')
          .values({
            opportunity_id: id,
            round: r.approval_round,
            level,
            decision: input.approve ? 'approved' : 'rejected',
            decided_by: auth.user.id,
            comment: input.comment ?? null,
          })
          .execute();
        const finished = !input.approve || level >= r.approval_levels;
        const status = !input.approve ? 'rejected' : finished ? 'approved' : 'pending';
        await update(tx, id, { approval_level: level, approval_status: status });
        await event(tx, actor, id, input.approve ? 'approval_approved' : 'approval_rejected', input.comment, { level });
        await recordAudit(tx, actor, {
          action: 'opportunity.approval',
          entityType: 'opportunity',
          entityId: id,
          after: { level, approve: input.approve },
        });
        const next = finished ? [] : await approversFor(tx, r.region_path, level + 1);
        await notices.notify(tx, {
          userIds: [...(r.account_manager_id ? [r.account_manager_id] : []), ...next],
          kind: 'opportunity.approval',
          title: finished
            ? `重大商机审批${input.approve ? '通过' : '驳回'}：${r.customer_name}`
            : `重大商机待第 ${level + 1} 级审批：${r.customer_name}`,
          link: `/opportunities/${id}`,
        });
      }),

    feedback: (actor: Actor, id: number, version: number, input: { orderNumber: string }) =>
      change(actor, id, version, async (tx, r, auth) => {
        if (r.account_manager_id === auth.user.id && r.status === 'dispatched') {
          requireManager(r, auth);
          if (r.stage !== 'contract' && r.stage !== 'order') throw new AppError('OPPORTUNITY_WRONG_STATUS');
        } else requireClaimant(r, auth, ['valid']);
        await linkOrderByNumber(tx, actor, r, input.orderNumber);
      }),

    reassign: (actor: Actor, id: number, version: number, userId: number) =>
      change(actor, id, version, async (tx, r, auth) => {
        if (!auth.permissions.has('opportunity.manage')) throw new AppError('FORBIDDEN');
        if (!['pool', 'claimed'].includes(r.status)) throw new AppError('OPPORTUNITY_WRONG_STATUS');
        const u = await tx
          .selectFrom('users')
          .select(['id', 'role', 'status', 'display_name'])
          .where('id', '=', userId)
          .executeTakeFirst();
        if (!u || u.role !== 'hotline_agent' || u.status !== 'active')
          throw new AppError('VALIDATION_FAILED', [{ field: 'body.userId', message: '请选择在岗的热线坐席' }]);
        const settings = await opportunityRepo.settings(tx);
        const set = {
          status: 'claimed',
          claimed_by: u.id,
          claimed_at: new Date(),
          claim_expires_at: new Date(Date.now() + settings.claimTimeoutMinutes * 60_000),
        };
        await update(tx, id, set);
        await event(tx, actor, id, 'reassigned', null, { from: r.claimed_by_name, to: u.display_name });
        await recordAudit(tx, actor, {
          action: 'opportunity.reassigned',
          entityType: 'opportunity',
          entityId: id,
          before: { claimedBy: r.claimed_by },
          after: { claimedBy: u.id },
        });
        await notices.notify(tx, {
          userIds: [u.id],
          kind: 'opportunity.assigned',
          title: `商机已改派给您：${r.customer_name}`,
          link: `/opportunities/${id}`,
        });
        await live(tx, r, set, r.status === 'pool', [u.id]);
      }),

    settings: () => opportunityRepo.settings(db),
    async saveSettings(actor: Actor, s: OpportunitySettings): Promise<OpportunitySettings> {
      return withTx(db, async (tx) => {
        const before = await opportunityRepo.settings(tx);
        if (!(await opportunityRepo.saveSettings(tx, s))) throw new AppError('CONFLICT', { version: before.version });
        const after = await opportunityRepo.settings(tx);
        await recordAudit(tx, actor, {
          action: 'opportunity.settings',
          entityType: 'opportunity_settings',
          before,
          after,
        });
        return after;
      });
    },

    /** Account managers a dispatcher may pick: the district's, customer's manager first. */
    async accountManagers(actor: Actor, id: number) {
      const d = await detail(db, actor.auth!, id);
      const r = await opportunityRepo.get(db, null, d.id);
      const district = r!.district_org_id
        ? await db.selectFrom('orgs').select('path').where('id', '=', r!.district_org_id).executeTakeFirst()
        : null;
      let q = db
        .selectFrom('users')
        .select(['id', 'display_name', 'org_path'])
        .where('role', '=', 'account_manager')
        .where('status', '=', 'active');
      if (district) q = q.where('org_path', 'like', `${district.path}%`);
      return (await q.orderBy('display_name').limit(200).execute()).map((u) => ({ id: u.id, name: u.display_name }));
    },
  };

  async function pickAccountManager(tx: Executor, r: OpportunityRow, chosen?: number): Promise<number> {
    if (chosen) {
      const u = await tx
        .selectFrom('users')
        .select(['id', 'role', 'status'])
        .where('id', '=', chosen)
        .executeTakeFirst();
      if (!u || u.role !== 'account_manager' || u.status !== 'active')
        throw new AppError('VALIDATION_FAILED', [{ field: 'body.accountManagerId', message: '请选择在岗的客户经理' }]);
      return u.id;
    }
    if (r.customer_id) {
      const c = await tx
        .selectFrom('customers as c')
        .innerJoin('users as u', 'u.id', 'c.account_manager_id')
        .select('u.id')
        .where('c.id', '=', r.customer_id)
        .where('u.status', '=', 'active')
        .executeTakeFirst();
      if (c) return c.id;
    }
    if (!r.district_org_id) throw new AppError('OPPORTUNITY_NO_ACCOUNT_MANAGER');
    // The district's manager with the fewest open dispatched opportunities.
    const d = await tx.selectFrom('orgs').select('path').where('id', '=', r.district_org_id).executeTakeFirstOrThrow();
    const u = await tx
      .selectFrom('users as u')
      .select(['u.id'])
      .select((eb) =>
        eb
          .selectFrom('opportunities as o')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('o.account_manager_id', '=', 'u.id')
          .where('o.status', '=', 'dispatched')
          .as('load'),
      )
      .where('u.role', '=', 'account_manager')
      .where('u.status', '=', 'active')
      .where('u.org_path', 'like', `${d.path}%`)
      .orderBy('load')
      .orderBy('u.id')
      .executeTakeFirst();
    if (!u) throw new AppError('OPPORTUNITY_NO_ACCOUNT_MANAGER');
    return u.id;
  }

  async function approversFor(tx: Executor, regionPath: string, level: number): Promise<number[]> {
    const rows = await tx
      .selectFrom('users')
      .select(['id', 'org_path'])
      .where('role', '=', 'supervisor')
      .where('status', '=', 'active')
      .execute();
    return (
      rows
        .filter((u) => u.org_path && regionPath.startsWith(u.org_path) && depth(u.org_path) <= 4 - level)
        // the nearest level first: a district supervisor for level 1
        .sort((a, b) => depth(b.org_path) - depth(a.org_path))
        .filter((u, _i, arr) => depth(u.org_path) === depth(arr[0]!.org_path))
        .map((u) => u.id)
    );
  }
}

export { OPPORTUNITY_STAGES };
