/**
 * `npm run seed:demo [-- --responses N --days D]`: a published 4S questionnaire with
 * thousands of responses over 90 days, so a newcomer sees a populated dashboard.
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { closeDb, configFromEnv, getDb } from '../lib/server/db/index';
import { migrateToLatest } from '../lib/server/db/migrate';
import { seedDemo } from '../lib/server/demo/seed';

const { values } = parseArgs({
	options: {
		responses: { type: 'string', default: '5000' },
		days: { type: 'string', default: '90' },
		seed: { type: 'string', default: '20261124' }
	}
});
const options = z
	.object({
		responses: z.coerce.number().int().min(1).max(1_000_000),
		days: z.coerce.number().int().min(1).max(3650),
		seed: z.coerce.number().int()
	})
	.parse(values);

const config = configFromEnv();
if (config.kind === 'pglite' && config.dataDir) mkdirSync(config.dataDir, { recursive: true });
const db = getDb();
await migrateToLatest(db);
const started = performance.now();
const result = await seedDemo(db, options);
await closeDb();
console.log(
	`seeded ${result.responses} responses over ${options.days} days into questionnaire ${result.questionnaireId} ` +
		`in ${((performance.now() - started) / 1000).toFixed(1)} s`
);
