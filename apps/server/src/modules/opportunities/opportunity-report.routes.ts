import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FunnelReportSchema,
  IdParamsSchema,
  OkSchema,
  ReportFiltersSchema,
  ReportListQuerySchema,
  ReportViewSchema,
  REPORT_COLUMNS,
  SaveReportViewSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { opportunityReportService, XLSX_MIME } from './opportunity-report.service';

export async function opportunityReportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opportunityReportService(ctx);
  const tags = ['opportunity reports'];
  const manage = requirePerm('opportunity.manage');

  r.get(
    '/opportunity-reports/funnel',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '转化漏斗（按来源、产品）、趋势、坐席与区局排名、认领至首呼时长',
        description:
          '`trend` has one row per day (Asia/Shanghai dates) from `from` (else the first day with opportunities) to ' +
          '`to` (else the last), never past today, with zeros on days without opportunities.',
        querystring: ReportFiltersSchema,
        response: { 200: FunnelReportSchema },
      },
    },
    async (req) => svc.funnel(actorOf(req), req.query),
  );

  r.get(
    '/opportunity-reports/list',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '字段自选明细 / 订单跟踪闭环报表（linkedOnly=true）',
        querystring: ReportListQuerySchema,
        response: {
          200: z.object({
            columns: z.array(z.enum(REPORT_COLUMNS)),
            items: z.array(z.object({ id: z.number().int(), values: z.record(z.string(), z.unknown()) })),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  r.get(
    '/opportunity-reports/export.xlsx',
    { onRequest: manage, schema: { tags, summary: '按所选字段与筛选导出 Excel', querystring: ReportListQuerySchema } },
    async (req, reply) => {
      const buf = await svc.exportXlsx(actorOf(req), req.query);
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('商机报表.xlsx')}`)
        .send(buf);
    },
  );

  r.get(
    '/opportunity-reports/views',
    { onRequest: manage, schema: { tags, summary: '我保存的报表视图', response: { 200: z.array(ReportViewSchema) } } },
    async (req) => svc.views(actorOf(req)),
  );
  r.post(
    '/opportunity-reports/views',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '保存报表视图（同名覆盖）',
        body: SaveReportViewSchema,
        response: { 200: ReportViewSchema },
      },
    },
    async (req) => svc.saveView(actorOf(req), req.body),
  );
  r.delete(
    '/opportunity-reports/views/:id',
    {
      onRequest: manage,
      schema: { tags, summary: '删除报表视图', params: IdParamsSchema, response: { 200: OkSchema } },
    },
    async (req) => {
      await svc.deleteView(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
