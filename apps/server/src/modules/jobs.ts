import { registerTicketJobs } from './tickets/ticket-sla.job';
import { registerOpportunityJobs } from './opportunities/opportunity.jobs';
import { registerSigning } from './signing/signing.jobs';

/** Every module's job handlers and schedules. */
export function registerModuleJobs(): void {
  registerTicketJobs();
  registerOpportunityJobs();
  registerSigning();
}
