import { createDb, type Db } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { scratchDatabase } from '../scratch-database';

export interface TestDialect {
	name: 'pglite' | 'postgres';
	/** A fresh, migrated, empty database for one test file. */
	open(): Promise<Db>;
}

let counter = 0;

/**
 * PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. On PostgreSQL each
 * test file gets its own database, created from the URL's server and dropped after.
 */
export const DIALECTS: TestDialect[] = [
	{
		name: 'pglite',
		async open() {
			const db = createDb({ kind: 'pglite' });
			await migrateToLatest(db);
			return db;
		}
	},
	...(process.env.TEST_DATABASE_URL
		? [
				{
					name: 'postgres' as const,
					async open() {
						const base = new URL(process.env.TEST_DATABASE_URL!);
						const scratch = await scratchDatabase(base.toString(), `${base.pathname.slice(1)}_${process.pid}_${Date.now()}_${counter++}`);
						const db = createDb({ kind: 'postgres', url: scratch.url, poolSize: 5 });
						await migrateToLatest(db);
						const destroy = db.destroy.bind(db);
						db.destroy = async () => {
							await destroy();
							await scratch.drop();
						};
						return db;
					}
				}
			]
		: [])
];
