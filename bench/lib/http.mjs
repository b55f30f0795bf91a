// HTTP side of the benchmark: signing in and driving autocannon.
import autocannon from 'autocannon';

/** Signs in; returns the cookie pair and CSRF token the API expects. */
export async function signIn(base, username, password) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  const { csrfToken } = await res.json();
  return { cookie, csrfToken };
}

/** Runs autocannon and returns the figures the report needs; refuses results with errors or non-2xx answers. */
export async function load(opts) {
  const result = await autocannon({ timeout: 10, ...opts });
  const bad = result.non2xx + result.errors + result.timeouts;
  const figures = {
    rps: result.requests.average,
    requests: result.requests.total,
    latencyMeanMs: result.latency.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
  };
  if (bad > 0 && !opts.allowErrors) {
    throw new Error(
      `${opts.title ?? opts.url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return figures;
}
