import type { Config } from '../platform/config';
import { MEMORY_URL, openConfiguredDatabase, type Database } from '../platform/db/database';

/**
 * The configured database for a command that works on data kept between runs. DATABASE_URL=memory:// holds a
 * database only as long as one process lives, so such a command would change a database nobody sees again: refused.
 */
export async function openKeptDatabase(config: Config, command: string): Promise<Database> {
  if (config.databaseUrl === MEMORY_URL) {
    console.error(
      `${command}: DATABASE_URL=memory:// keeps no database between processes, so there is nothing for this command ` +
        'to work on. Unset DATABASE_URL (the embedded database under DATA_DIR) or point it at a PostgreSQL server.',
    );
    process.exit(2);
  }
  return openConfiguredDatabase(config);
}
