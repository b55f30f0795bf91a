import type { DestinationStream } from 'pino';
import { loadConfig, type Config } from './config';
import { openConfiguredDatabase, type Database } from './db/database';
import { migrate } from './db/migrate';
import { EventBus } from './events/event-bus';
import type { AppContext } from './app-context';
import { buildApp, type App } from './http/app';
import { startBackground, type Background } from './background';

export interface Server {
  app: App;
  ctx: AppContext;
  background: Background;
  close(): Promise<void>;
}

/** Opens the database, migrates, builds the app and starts the jobs runner. Does not listen. */
export async function createServer(
  opts: { config?: Config; database?: Database; logStream?: DestinationStream } = {},
): Promise<Server> {
  const config = opts.config ?? loadConfig();
  const database = opts.database ?? (await openConfiguredDatabase(config));
  await migrate(database);
  const events = new EventBus(database);
  await events.start();
  const ctx: AppContext = { config, database, db: database.db, events };
  const app = await buildApp(ctx, { logStream: opts.logStream });
  const background = await startBackground(ctx, app.log);
  let closed = false;
  return {
    app,
    ctx,
    background,
    async close() {
      if (closed) return;
      closed = true;
      await background.stop();
      await app.close();
      await events.stop();
      if (!opts.database) await database.close();
    },
  };
}
