import { registerTicketJobs } from './tickets/ticket-sla.job';
import { registerOpportunityJobs } from './opportunities/opportunity.jobs';

/** Every module's job handlers and schedules. */
export function registerModuleJobs(): void {
  registerTicketJobs();
  registerOpportunityJobs();
}
