/**
 * `npm run worker`: the job workers alone, for deployments that run the web
 * processes with JOBS_IN_PROCESS=false or want more workers. PostgreSQL only:
 * PGlite is one process's database, so with PGlite the app runs its jobs itself.
 */
import { closeDb, configFromEnv, getDb } from '../lib/server/db/index';
import { migrateToLatest } from '../lib/server/db/migrate';
import { parseKey } from '../lib/server/secrets/box';
import { startRunner } from '../lib/server/jobs/runner';
import { now } from '../lib/server/clock';
import { log } from '../lib/server/log';

if (configFromEnv().kind !== 'postgres') {
	console.error(
		'huifang worker: set DATABASE_URL to a PostgreSQL database. With the embedded PGlite database only one process can open it, and `npm start` already runs the jobs.'
	);
	process.exit(1);
}

// A malformed key is a configuration error: say so at start, not at the first webhook.
if (process.env.HUIFANG_SECRET_KEY) parseKey(process.env.HUIFANG_SECRET_KEY);
await migrateToLatest(getDb());
const boss = await startRunner(getDb(), { now });
log('info', 'jobs.started', { mode: 'worker' });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, async () => {
		if (stopping) return;
		stopping = true;
		await boss.stop({ graceful: true, timeout: 30_000, close: true });
		await closeDb();
		process.exit(0);
	});
}
