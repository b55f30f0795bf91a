import { registerTicketJobs } from './tickets/ticket-sla.job';
import { registerSigning } from './signing/signing.jobs';

/** Every module's job handlers and schedules. */
export function registerModuleJobs(): void {
  registerTicketJobs();
  registerSigning();
}
