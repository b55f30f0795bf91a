// Starts the browser tests' servers side by side and answers on its own port once every one of them is ready.
// Playwright starts the entries of `webServer` one after the other, each waiting for the previous one; the two
// product instances each load the demo data on start, so one after the other they kept a core idle for half a minute.
// E2E_LAUNCH: a JSON list of { name, command, cwd, env, url }; E2E_LAUNCH_PORT: where "ready" is answered.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';

interface Server {
  name: string;
  command: string;
  cwd: string;
  env: Record<string, string>;
  url: string;
}

const servers = JSON.parse(process.env.E2E_LAUNCH ?? '[]') as Server[];
const port = Number(process.env.E2E_LAUNCH_PORT);
const children: ChildProcess[] = [];
let stopping = false;

function stop(code: number): never {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

const started = Date.now();
for (const s of servers) {
  const child = spawn(s.command, {
    cwd: s.cwd,
    shell: true,
    env: { ...process.env, ...s.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${s.name}] ${d.toString()}`));
  child.on('exit', (code) => {
    if (stopping) return;
    console.error(`[launch] ${s.name} exited with ${code}`);
    stop(1);
  });
  children.push(child);
}

const pending = new Set(servers);
while (pending.size > 0) {
  for (const s of [...pending]) if (await ready(s.url)) pending.delete(s);
  if (pending.size > 0) await new Promise((r) => setTimeout(r, 250));
}
console.error(
  `[launch] ${servers.map((s) => s.name).join(', ')} ready in ${Math.round((Date.now() - started) / 1000)} s`,
);
http.createServer((_req, res) => res.end('ready')).listen(port, '127.0.0.1');
