import { registerTicketJobs } from './tickets/ticket-sla.job';

/** Every module's job handlers and schedules. */
export function registerModuleJobs(): void {
  registerTicketJobs();
}
