import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/app-context';

// Supervisor reports (funnel, trend, chosen columns, Excel) are registered here.
export async function opportunityReportRoutes(_app: FastifyInstance, _ctx: AppContext) {}
