import pino from 'pino';
import { loadConfig } from './platform/config';
import { createServer } from './platform/server';
import { MEMORY_URL } from './platform/db/database';
import { seedIfEmpty } from './seed/seed';

const config = loadConfig();
// Log lines are written without blocking the request that logs them, gathered into writes of at least 4 KiB (a
// burst's access lines go out a few writes at a time instead of one write each: handing a write to the thread pool
// costs far more than the line). What waits is written out every second, and pino flushes the rest on exit.
const logStream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
setInterval(() => logStream.flush(), 1000).unref();
const server = await createServer({ config, logStream });
const { app } = server;

if (config.seedOnStart) {
  const seeded = await seedIfEmpty(server.ctx, { history: config.seedHistory });
  if (seeded) app.log.info('demo data loaded (first start)');
}

await app.listen({ port: config.port, host: config.host });
app.log.info(`Paidan is serving http://localhost:${config.port} (database: ${databaseName()})`);

function databaseName(): string {
  if (server.ctx.database.kind !== 'pglite') return 'PostgreSQL';
  return config.databaseUrl === MEMORY_URL
    ? 'embedded PGlite in memory, kept until exit'
    : `embedded PGlite in ${config.dataDir}/pglite`;
}

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${sig}: finishing requests and jobs, then stopping`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server
      .close()
      .then(() => process.exit(0))
      .catch((err) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  });
}
