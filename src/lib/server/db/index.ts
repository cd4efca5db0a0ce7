import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from './types';

export type DbConfig =
	| { kind: 'postgres'; url: string; poolSize?: number }
	| { kind: 'pglite'; dataDir?: string };

export type Db = Kysely<Database>;

/** DATABASE_URL selects PostgreSQL; otherwise embedded PGlite under DATA_DIR (./data). */
export function configFromEnv(env: Record<string, string | undefined> = process.env): DbConfig {
	if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
	return { kind: 'pglite', dataDir: `${env.DATA_DIR ?? './data'}/pglite` };
}

export function createDb(config: DbConfig): Db {
	if (config.kind === 'postgres') {
		const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
		return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	}
	// No dataDir means in-memory: used by tests.
	return new Kysely<Database>({
		dialect: new PGliteDialect({ pglite: () => new PGlite(config.dataDir) })
	});
}

let shared: Db | undefined;
let closing: Promise<void> | undefined;

/** The app's single database handle, created on first use. */
export function getDb(): Db {
	shared ??= createDb(configFromEnv());
	return shared;
}

/** Closes the shared handle (PGlite flushes and releases its data directory). */
export async function closeDb(): Promise<void> {
	const db = shared;
	shared = undefined;
	// A second caller (shutdown while another closes) waits for the same close.
	if (db) closing = db.destroy();
	await closing;
}
