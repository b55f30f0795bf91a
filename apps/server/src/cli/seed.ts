import { loadConfig } from '../platform/config';
import { openKeptDatabase } from './kept-database';
import { migrate } from '../platform/db/migrate';
import { EventBus } from '../platform/events/event-bus';
import { seedIfEmpty } from '../seed/seed';

// Loads the demo data into an empty database (idempotent: does nothing if data exists).
const config = loadConfig();
const database = await openKeptDatabase(config, 'npm run seed');
await migrate(database);
const done = await seedIfEmpty(
  { config, database, db: database.db, events: new EventBus(database) },
  { history: config.seedHistory },
);
console.log(done ? 'Demo data loaded.' : 'The database already has data; nothing loaded.');
await database.close();
