import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BusinessCalendarSchema,
  IdParamsSchema,
  OkSchema,
  RoutingRuleInputSchema,
  RoutingRuleSchema,
  SlaPolicySchema,
  TicketSettingsSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { ticketConfigService } from './ticket-config.service';

export async function ticketConfigRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = ticketConfigService(ctx);
  const tags = ['ticket configuration'];
  const read = requirePerm('ticket.read');
  const write = requirePerm('ticket.config');

  r.get(
    '/ticket-config/sla-policies',
    { onRequest: read, schema: { tags, summary: 'SLA 时限策略表', response: { 200: z.array(SlaPolicySchema) } } },
    async () => svc.policies(),
  );
  r.put(
    '/ticket-config/sla-policies',
    {
      onRequest: write,
      schema: {
        tags,
        summary: '替换 SLA 时限策略表',
        body: z.strictObject({ policies: z.array(SlaPolicySchema).min(1).max(500) }),
        response: { 200: z.array(SlaPolicySchema) },
      },
    },
    async (req) => svc.savePolicies(actorOf(req), req.body.policies),
  );
  r.get(
    '/ticket-config/calendar',
    {
      onRequest: read,
      schema: { tags, summary: '工作日历（节假日与调休）', response: { 200: BusinessCalendarSchema } },
    },
    async () => svc.calendar(),
  );
  r.put(
    '/ticket-config/calendar',
    {
      onRequest: write,
      schema: {
        tags,
        summary: '修改工作日历',
        body: BusinessCalendarSchema,
        response: { 200: BusinessCalendarSchema },
      },
    },
    async (req) => svc.saveCalendar(actorOf(req), req.body),
  );
  r.get(
    '/ticket-config/settings',
    {
      onRequest: read,
      schema: { tags, summary: '预警比例、升级梯队、优先级系数', response: { 200: TicketSettingsSchema } },
    },
    async () => svc.settings(),
  );
  r.put(
    '/ticket-config/settings',
    {
      onRequest: write,
      schema: {
        tags,
        summary: '修改预警与升级设置',
        body: TicketSettingsSchema,
        response: { 200: TicketSettingsSchema },
      },
    },
    async (req) => svc.saveSettings(actorOf(req), req.body),
  );
  r.get(
    '/ticket-config/routing-rules',
    {
      onRequest: read,
      schema: { tags, summary: '派单规则（按顺序匹配）', response: { 200: z.array(RoutingRuleSchema) } },
    },
    async () => svc.rules(),
  );
  r.post(
    '/ticket-config/routing-rules',
    {
      onRequest: write,
      schema: { tags, summary: '新建派单规则', body: RoutingRuleInputSchema, response: { 200: RoutingRuleSchema } },
    },
    async (req) => svc.createRule(actorOf(req), req.body),
  );
  r.put(
    '/ticket-config/routing-rules/:id',
    {
      onRequest: write,
      schema: {
        tags,
        summary: '修改派单规则',
        params: IdParamsSchema,
        body: RoutingRuleInputSchema.extend({ version: z.number().int() }).strict(),
        response: { 200: RoutingRuleSchema },
      },
    },
    async (req) => svc.updateRule(actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/ticket-config/routing-rules/:id',
    {
      onRequest: write,
      schema: { tags, summary: '删除派单规则', params: IdParamsSchema, response: { 200: OkSchema } },
    },
    async (req) => {
      await svc.deleteRule(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
