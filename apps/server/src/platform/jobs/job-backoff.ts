export interface BackoffOptions {
  /** delay after the first failed attempt */
  baseMs: number;
  /** no retry waits longer than this */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, capMs: 60 * 60_000 };

/**
 * Delay before the next attempt after `attempt` failed attempts (1-based): base·2^(attempt−1), capped,
 * then jittered into [½·d, d] so jobs that failed together do not retry together.
 */
export function backoffMs(
  attempt: number,
  opts: Partial<BackoffOptions> = {},
  random: () => number = Math.random,
): number {
  const baseMs = opts.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const capMs = opts.capMs ?? DEFAULT_BACKOFF.capMs;
  const n = Math.max(1, Math.floor(attempt));
  // 2^n overflows to Infinity long after it passes any cap; Math.min handles that.
  const d = Math.min(capMs, baseMs * 2 ** (n - 1));
  return Math.round(d / 2 + (random() * d) / 2);
}
