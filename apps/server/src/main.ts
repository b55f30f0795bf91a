import pino from 'pino';
import { loadConfig } from './platform/config';
import { createServer } from './platform/server';
import { MEMORY_URL } from './platform/db/database';
import { seedIfEmpty } from './seed/seed';

const config = loadConfig();
// Log lines are written without blocking the request that logs them: lines logged while a write is under way go
// out together in the next one (under a burst, one write for many requests); pino flushes what is left on exit.
const server = await createServer({ config, logStream: pino.destination({ dest: 1, sync: false }) });
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
