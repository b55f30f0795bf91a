import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from './app-context';
import { JobRunner } from './jobs/job-runner';
import { registerPlatformJobs } from './jobs/platform-jobs';
import { registerModuleJobs } from '../modules/jobs';
import { smppLinkFor } from './sms/smpp.adapter';

export interface Background {
  /** the jobs runner, when jobs are enabled on this instance */
  runner: JobRunner | null;
  stop(): Promise<void>;
}

/**
 * Registers the job handlers (always: tests run jobs by hand with runDueJobs) and, when enabled,
 * starts the jobs runner and periodic schedules.
 */
export async function startBackground(ctx: AppContext, log: FastifyBaseLogger): Promise<Background> {
  registerPlatformJobs();
  registerModuleJobs();
  // SMPP: keep a transceiver bound so replies (deliver_sm) arrive even when nothing is sent
  const smpp = ctx.config.smsAdapter === 'smpp' ? smppLinkFor(ctx, log.child({ component: 'smpp' })) : null;
  smpp?.start();
  if (!ctx.config.jobsEnabled) return { runner: null, stop: async () => smpp?.stop() };
  const runner = new JobRunner(ctx, {
    pollMs: ctx.config.jobsPollMs,
    log: log.child({ component: 'jobs' }),
    // scheduled work (sweeps, expiries) starts once a rush of requests has been answered
    quietWindowMs: ctx.config.jobsQuietMs,
  });
  await runner.start();
  return {
    runner,
    stop: async () => {
      await runner.stop();
      await smpp?.stop();
    },
  };
}
