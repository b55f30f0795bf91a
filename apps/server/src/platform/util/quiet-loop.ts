import { performance } from 'node:perf_hooks';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a quiet spell of this process's event loop: a window of `windowMs` in which it ran code less than
 * `busyShare` of the time (Node's event-loop utilisation). Used by background work that can start a little later, so
 * that it does not compete with a rush of requests being answered. Gives up after `maxMs`, or as soon as `stop()`
 * says so. Answers how long it waited.
 */
export async function waitForQuietLoop(opts: {
  windowMs: number;
  busyShare: number;
  maxMs: number;
  stop?: () => boolean;
}): Promise<number> {
  const started = performance.now();
  for (;;) {
    const from = performance.eventLoopUtilization();
    await sleep(opts.windowMs);
    const waited = performance.now() - started;
    if (performance.eventLoopUtilization(from).utilization < opts.busyShare) return waited;
    if (waited >= opts.maxMs || opts.stop?.()) return waited;
  }
}
