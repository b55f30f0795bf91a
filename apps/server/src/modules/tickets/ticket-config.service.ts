import type { BusinessCalendar, RoutingRule, RoutingRuleInput, SlaPolicy, TicketSettings } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { ticketConfigRepo } from './ticket-config.repo';

type RuleRow = Awaited<ReturnType<typeof ticketConfigRepo.rules>>[number];
const toRule = (r: RuleRow): RoutingRule => ({
  id: r.id,
  version: r.version,
  position: r.position,
  name: r.name,
  requestTypes: r.request_types as RoutingRule['requestTypes'],
  businessCategories: r.business_categories as RoutingRule['businessCategories'],
  productPattern: r.product_pattern,
  customerLevels: r.customer_levels as RoutingRule['customerLevels'],
  districtOrgId: r.district_org_id,
  targetKind: r.target_kind,
  targetFunction: r.target_function as RoutingRule['targetFunction'],
  targetOrgId: r.target_org_id,
  targetUserId: r.target_user_id,
  strategy: r.strategy,
  active: r.active,
});

function ruleRow(i: RoutingRuleInput) {
  if (i.targetKind === 'district_function' && !i.targetFunction)
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.targetFunction', message: '请选择区局内的职能班组' }]);
  if (i.targetKind === 'org' && !i.targetOrgId)
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.targetOrgId', message: '请选择目标单位' }]);
  if (i.targetKind === 'user' && !i.targetUserId)
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.targetUserId', message: '请选择目标人员' }]);
  return {
    position: i.position,
    name: i.name,
    request_types: i.requestTypes,
    business_categories: i.businessCategories,
    product_pattern: i.productPattern,
    customer_levels: i.customerLevels,
    district_org_id: i.districtOrgId,
    target_kind: i.targetKind,
    target_function: i.targetFunction,
    target_org_id: i.targetOrgId,
    target_user_id: i.targetUserId,
    strategy: i.strategy,
    active: i.active,
  };
}

export function ticketConfigService(ctx: AppContext) {
  const { db } = ctx;
  const audited = <T>(actor: Actor, action: string, fn: (tx: Executor) => Promise<T>, after?: (v: T) => unknown) =>
    withTx(db, async (tx) => {
      const v = await fn(tx);
      await recordAudit(tx, actor, { action, entityType: 'ticket_config', after: after ? after(v) : v });
      return v;
    });

  return {
    policies: () => ticketConfigRepo.policies(db),
    savePolicies: (actor: Actor, policies: SlaPolicy[]) => {
      const ids = new Set(policies.map((p) => p.id));
      if (ids.size !== policies.length)
        throw new AppError('VALIDATION_FAILED', [{ field: 'body.policies', message: '策略编号重复' }]);
      return audited(
        actor,
        'ticket_config.sla_policies',
        async (tx) => {
          await ticketConfigRepo.replacePolicies(tx, policies);
          return ticketConfigRepo.policies(tx);
        },
        (v) => ({ count: v.length }),
      );
    },
    calendar: () => ticketConfigRepo.calendar(db),
    saveCalendar: (actor: Actor, cal: BusinessCalendar) =>
      audited(
        actor,
        'ticket_config.calendar',
        async (tx) => {
          await ticketConfigRepo.saveCalendar(tx, cal);
          return ticketConfigRepo.calendar(tx);
        },
        (v) => ({ years: v.years.map((y) => y.year) }),
      ),
    settings: () => ticketConfigRepo.settings(db),
    saveSettings: (actor: Actor, s: TicketSettings) =>
      audited(actor, 'ticket_config.settings', async (tx) => {
        await ticketConfigRepo.saveSettings(tx, s);
        return ticketConfigRepo.settings(tx);
      }),
    rules: async () => (await ticketConfigRepo.rules(db, false)).map(toRule),
    createRule: (actor: Actor, i: RoutingRuleInput) =>
      audited(actor, 'ticket_config.rule_created', async (tx) =>
        toRule(await ticketConfigRepo.insertRule(tx, ruleRow(i))),
      ),
    updateRule: (actor: Actor, id: number, i: RoutingRuleInput & { version: number }) =>
      audited(actor, 'ticket_config.rule_updated', async (tx) => {
        const r = await ticketConfigRepo.updateRule(tx, id, i.version, ruleRow(i));
        if (!r) {
          const exists = await tx
            .selectFrom('ticket_routing_rules')
            .select('id')
            .where('id', '=', id)
            .executeTakeFirst();
          throw new AppError(exists ? 'CONFLICT' : 'NOT_FOUND');
        }
        return toRule(r);
      }),
    deleteRule: (actor: Actor, id: number) =>
      audited(actor, 'ticket_config.rule_deleted', async (tx) => {
        if (!(await ticketConfigRepo.deleteRule(tx, id))) throw new AppError('NOT_FOUND');
        return { id };
      }),
  };
}
