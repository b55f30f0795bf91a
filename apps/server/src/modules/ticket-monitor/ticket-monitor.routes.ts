import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  TicketMonitorByOrgSchema,
  TicketMonitorByPersonSchema,
  TicketMonitorQuerySchema,
  TicketMonitorSummarySchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { registerTicketChangedTopic } from './ticket-monitor.events';
import { ticketMonitorService } from './ticket-monitor.service';
import { contentDisposition, monitorWorkbook, XLSX_MIME } from './ticket-monitor.xlsx';

export async function ticketMonitorRoutes(app: FastifyInstance, ctx: AppContext) {
  registerTicketChangedTopic();
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = ticketMonitorService(ctx);
  const tags = ['ticket-monitor'];
  const onRequest = requirePerm('ticket.monitor');

  r.get(
    '/ticket-monitor/summary',
    {
      onRequest,
      schema: {
        tags,
        summary: '工单监控概况：积压（按状态、按环节滞留）、超时、及时率、满意度、按类型与按日趋势',
        querystring: TicketMonitorQuerySchema,
        response: { 200: TicketMonitorSummarySchema },
      },
    },
    async (req) => svc.summary(actorOf(req), req.query),
  );

  r.get(
    '/ticket-monitor/by-org',
    {
      onRequest,
      schema: {
        tags,
        summary: '按下级单位排名（用下级单位的 orgId 再次调用即为下钻）',
        querystring: TicketMonitorQuerySchema,
        response: { 200: TicketMonitorByOrgSchema },
      },
    },
    async (req) => svc.byOrg(actorOf(req), req.query),
  );

  r.get(
    '/ticket-monitor/by-person',
    {
      onRequest,
      schema: {
        tags,
        summary: '按处理人排名',
        querystring: TicketMonitorQuerySchema,
        response: { 200: TicketMonitorByPersonSchema },
      },
    },
    async (req) => svc.byPerson(actorOf(req), req.query),
  );

  r.get(
    '/ticket-monitor/export.xlsx',
    {
      onRequest,
      schema: {
        tags,
        summary: '导出 Excel：概况、环节时限、按单位、按人员、每日趋势',
        querystring: TicketMonitorQuerySchema,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const now = new Date();
      // One instant for all three views, so the sheets agree with each other.
      const [s, o, p] = await Promise.all([
        svc.summary(actor, req.query, now),
        svc.byOrg(actor, req.query, now),
        svc.byPerson(actor, req.query, now),
      ]);
      const data = await monitorWorkbook(s, o, p, actor.auth!.user.displayName);
      const name = `工单监控_${s.org.name}_${s.period.from}_${s.period.to}.xlsx`;
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );
}
