import pg from 'pg';
import { createDb, type Db } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';

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
						const name = `${base.pathname.slice(1)}_${process.pid}_${Date.now()}_${counter++}`;
						const admin = new pg.Client({ connectionString: base.toString() });
						await admin.connect();
						await admin.query(`create database "${name}"`);
						await admin.end();
						const url = new URL(base);
						url.pathname = `/${name}`;
						const db = createDb({ kind: 'postgres', url: url.toString(), poolSize: 5 });
						await migrateToLatest(db);
						const destroy = db.destroy.bind(db);
						db.destroy = async () => {
							await destroy();
							const drop = new pg.Client({ connectionString: base.toString() });
							await drop.connect();
							// The pool's clients say goodbye asynchronously: forcing the drop while one is still
							// leaving kills it mid-way and its error surfaces as an uncaught exception.
							for (let i = 0; i < 50; i++) {
								const { rows } = await drop.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
								if (rows[0].n === 0) break;
								await new Promise((resolve) => setTimeout(resolve, 100));
							}
							await drop.query(`drop database if exists "${name}" with (force)`);
							await drop.end();
						};
						return db;
					}
				}
			]
		: [])
];
