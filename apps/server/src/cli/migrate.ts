import { loadConfig } from '../platform/config';
import { openKeptDatabase } from './kept-database';
import { migrate } from '../platform/db/migrate';

const config = loadConfig();
const database = await openKeptDatabase(config, 'npm run migrate');
const applied = await migrate(database);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
await database.close();
