// The real server as a child process on loopback: start, wait until ready, stop.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `tsx apps/server/src/main.ts` in its own process group (tsx runs node as a child),
 * so stop() can end exactly the processes started here.
 */
export async function startServer({ repoRoot, env, logFile, readyTimeoutMs = 180_000 }) {
  const log = fs.openSync(logFile, 'w');
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": node flags for the servers only
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(tsx, [...nodeArgs, 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
    detached: true,
  });
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
  const base = `http://127.0.0.1:${env.PORT}`;

  async function stop() {
    if (exited) return exited;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 20_000);
    const r = await exit;
    clearTimeout(timer);
    fs.closeSync(log);
    return r;
  }

  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { base, pid: child.pid, stop };
    } catch {
      /* not listening yet */
    }
    await sleep(300);
  }
  await stop();
  const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  throw new Error(
    `the server did not become ready (${exited ? `exited ${JSON.stringify(exited)}` : 'timed out'}); log tail:\n${tail}`,
  );
}
