import type { Config } from './config';
import type { Database, Db } from './db/database';
import type { EventBus } from './events/event-bus';

/** What every module gets: configuration, the database and the cross-instance event bus. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  events: EventBus;
}
