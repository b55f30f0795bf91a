import { loadConfig } from '../platform/config';
import { openDatabase } from '../platform/db/database';
import { migrate } from '../platform/db/migrate';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
const applied = await migrate(database);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
await database.close();
