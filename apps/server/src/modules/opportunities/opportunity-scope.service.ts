import {
  PRODUCT_GROUPS,
  type AgentScopeEntry,
  type AgentScopeListQuery,
  type AgentScopeOptions,
  type Page,
  type ProductGroup,
  type PutAgentScope,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { agentScopeRepo, type AgentScopeRow } from './opportunity-scope.repo';
import { publishPoolReload } from './opportunity-live';

const isGroup = (g: string): g is ProductGroup => (PRODUCT_GROUPS as readonly string[]).includes(g);

/**
 * Which product groups and districts each hotline agent grabs from (empty = all). The pool reads the scope on every
 * request, so a change applies to the agent's next listing and claim; its open pool page is told to reload.
 * Supervisors see and change the agents inside their data scope.
 */
export function agentScopeService(ctx: AppContext) {
  const { db } = ctx;

  async function toEntries(ex: Executor, rows: AgentScopeRow[]): Promise<AgentScopeEntry[]> {
    const paths = [...new Set(rows.flatMap((r) => r.region_paths ?? []))];
    const districts = new Map((await agentScopeRepo.districtsByPath(ex, paths)).map((d) => [d.path, d]));
    return rows.map((r) => ({
      userId: r.id,
      username: r.username,
      displayName: r.display_name,
      status: r.status as AgentScopeEntry['status'],
      orgId: r.org_id,
      orgName: r.org_name,
      groups: (r.product_groups ?? []).filter(isGroup),
      // a stored district that no longer exists still narrows the pool: show it rather than hide it
      regions: (r.region_paths ?? []).map((p) => {
        const d = districts.get(p);
        return d ? { id: d.id, name: d.name } : { id: null, name: p };
      }),
    }));
  }

  async function describe(ex: Executor, groups: string[], paths: string[]) {
    const districts = await agentScopeRepo.districtsByPath(ex, paths);
    return {
      groups,
      regionPaths: paths,
      regionNames: paths.map((p) => districts.find((d) => d.path === p)?.name ?? p),
    };
  }

  return {
    async list(actor: Actor, q: AgentScopeListQuery): Promise<Page<AgentScopeEntry>> {
      const { items, total } = await agentScopeRepo.list(db, actor.auth!.scope, q);
      return { items: await toEntries(db, items), total, page: q.page, pageSize: q.pageSize };
    },

    async options(actor: Actor): Promise<AgentScopeOptions> {
      const [districts, orgs] = await Promise.all([
        agentScopeRepo.districts(db),
        agentScopeRepo.agentOrgs(db, actor.auth!.scope),
      ]);
      return {
        regions: districts.map((d) => ({ id: d.id, code: d.code, name: d.name, parentName: d.parent_name })),
        orgs,
      };
    },

    async save(actor: Actor, userId: number, input: PutAgentScope): Promise<AgentScopeEntry> {
      const auth = actor.auth!;
      return withTx(db, async (tx) => {
        const u = await agentScopeRepo.user(tx, auth.scope, userId);
        if (!u) throw new AppError('OPPORTUNITY_AGENT_NOT_FOUND', { userId });
        if (u.role !== 'hotline_agent') throw new AppError('OPPORTUNITY_NOT_AGENT', { userId, role: u.role });
        const districts = await agentScopeRepo.districtsById(tx, input.regionIds);
        const unknown = input.regionIds.filter((id) => !districts.some((d) => d.id === id));
        if (unknown.length)
          throw new AppError('OPPORTUNITY_UNKNOWN_REGION', [
            {
              field: 'body.regionIds',
              message: `未知的区局：${unknown.join('、')} / Unknown district: ${unknown.join(', ')}`,
            },
          ]);
        // stored in a stable order (the org tree's), so the audit shows what changed and nothing else
        const groups = PRODUCT_GROUPS.filter((g) => input.groups.includes(g));
        const paths = [...districts].sort((a, b) => a.id - b.id).map((d) => d.path);
        const before = await describe(tx, u.product_groups ?? [], u.region_paths ?? []);
        await agentScopeRepo.save(tx, userId, groups, paths);
        await recordAudit(tx, actor, {
          action: 'opportunity.agent_scope',
          entityType: 'user',
          entityId: userId,
          before,
          after: await describe(tx, groups, paths),
        });
        await publishPoolReload(tx, ctx.events, [userId]);
        const row = await agentScopeRepo.user(tx, auth.scope, userId);
        return (await toEntries(tx, [row!]))[0]!;
      });
    },
  };
}
