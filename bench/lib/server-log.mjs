// The server's own measure of each request, from its JSON log (LOG_LEVEL=info): one "request completed" line per
// request with the method and URL, the status and Fastify's responseTime in ms.
import fs from 'node:fs';

/**
 * The server gathers its log lines into larger writes and writes what waits at least once a second
 * (apps/server/src/main.ts): wait for that before reading the lines of requests just answered.
 */
export const logWritten = () => new Promise((resolve) => setTimeout(resolve, 1200));

/** Every answered request logged in `file` from byte `offset` on: { url, status, ms }, in log order. */
export function requestTimes(file, offset = 0) {
  const out = [];
  for (const line of fs.readFileSync(file).subarray(offset).toString('utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    let e;
    try {
      e = JSON.parse(line);
    } catch {
      continue;
    }
    if (e.msg === 'request completed' && typeof e.responseTime === 'number' && e.req?.url)
      out.push({ url: e.req.url, status: e.res?.statusCode, ms: e.responseTime });
  }
  return out;
}
