/** `npm run migrate`: bring the configured database to the latest migration. */
import { closeDb, configFromEnv, getDb } from '../lib/server/db/index';
import { migrateToLatest } from '../lib/server/db/migrate';
import { mkdirSync } from 'node:fs';

const config = configFromEnv();
if (config.kind === 'pglite' && config.dataDir) mkdirSync(config.dataDir, { recursive: true });
const applied = await migrateToLatest(getDb());
await closeDb();
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date');
