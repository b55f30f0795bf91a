// Load for the ticket benchmarks: autocannon with every response time kept (exact percentiles, p95 included),
// and the server's own time per request read back from its log.
import fs from 'node:fs';
import autocannon from 'autocannon';
import { requestTimes } from './server-log.mjs';

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const summary = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    p50Ms: percentile(s, 50),
    p95Ms: percentile(s, 95),
    p99Ms: percentile(s, 99),
    maxMs: s.at(-1) ?? NaN,
    meanMs: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN,
  };
};

/**
 * Runs autocannon; returns req/s and client-side latency percentiles from every response (and every latency in
 * arrival order with keepLatencies). Any non-2xx answer, error or timeout fails the run (unless allowErrors).
 */
export async function loadWithLatencies(opts) {
  const latencies = [];
  const instance = autocannon({ timeout: 10, ...opts });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0 && !opts.allowErrors) {
    throw new Error(
      `${opts.title ?? opts.url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    seconds: result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    ...summary(latencies),
    ...(opts.keepLatencies ? { latencies } : {}),
  };
}

/** The server-side times (Fastify's responseTime) of the 200 answers logged after `offset` whose URL starts with `urlPrefix`. */
export function serverTimes(logFile, offset, urlPrefix) {
  return summary(
    requestTimes(logFile, offset)
      .filter((r) => r.url.startsWith(urlPrefix) && r.status === 200)
      .map((r) => r.ms),
  );
}

export const fileSize = (file) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
