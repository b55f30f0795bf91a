import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/app-context';
import { authRoutes } from './auth/auth.routes';
import { orgRoutes } from './orgs/org.routes';
import { userRoutes } from './users/user.routes';
import { customerRoutes } from './customers/customer.routes';
import { auditRoutes } from './audit/audit.routes';
import { notificationRoutes } from './notifications/notification.routes';
import { smsOutboxRoutes } from './sms-outbox/sms-outbox.routes';
import { eventsRoutes } from '../platform/events/sse.routes';
import { ticketRoutes } from './tickets/ticket.routes';
import { ticketConfigRoutes } from './tickets/ticket-config.routes';
import { ticketMonitorRoutes } from './ticket-monitor/ticket-monitor.routes';
import { catalogRoutes } from './catalog/catalog.routes';
import { orderRoutes } from './orders/order.routes';
import { signingRoutes } from './signing/signing.routes';
import { signerRoutes } from './signing/signer.routes';
import { agreementRoutes } from './agreements/agreement.routes';
import { opportunityRoutes } from './opportunities/opportunity.routes';
import { opportunityPublicRoutes } from './opportunities/opportunity-public.routes';
import { onboardingRoutes } from './onboarding/onboarding.routes';
import { certificationRoutes } from './certification/certification.routes';

/** Every module's routes under /api. */
export async function registerModules(api: FastifyInstance, ctx: AppContext): Promise<void> {
  await api.register(async (r) => authRoutes(r, ctx));
  await api.register(async (r) => orgRoutes(r, ctx));
  await api.register(async (r) => userRoutes(r, ctx));
  await api.register(async (r) => customerRoutes(r, ctx));
  await api.register(async (r) => auditRoutes(r, ctx));
  await api.register(async (r) => notificationRoutes(r, ctx));
  await api.register(async (r) => smsOutboxRoutes(r, ctx));
  await api.register(async (r) => eventsRoutes(r, ctx));
  await api.register(async (r) => ticketRoutes(r, ctx));
  await api.register(async (r) => ticketConfigRoutes(r, ctx));
  await api.register(async (r) => ticketMonitorRoutes(r, ctx));
  await api.register(async (r) => catalogRoutes(r, ctx));
  await api.register(async (r) => orderRoutes(r, ctx));
  await api.register(async (r) => signingRoutes(r, ctx));
  await api.register(async (r) => signerRoutes(r, ctx));
  await api.register(async (r) => agreementRoutes(r, ctx));
  await api.register(async (r) => opportunityRoutes(r, ctx));
  await api.register(async (r) => opportunityPublicRoutes(r, ctx));
  await api.register(async (r) => onboardingRoutes(r, ctx));
  await api.register(async (r) => certificationRoutes(r, ctx));
}
