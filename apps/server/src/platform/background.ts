import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from './app-context';

export interface Background {
  stop(): Promise<void>;
}

/** Starts the jobs runner and periodic schedules when enabled. */
export async function startBackground(ctx: AppContext, log: FastifyBaseLogger): Promise<Background> {
  if (!ctx.config.jobsEnabled) return { stop: async () => undefined };
  log.debug('background jobs: runner not yet wired');
  return { stop: async () => undefined };
}
