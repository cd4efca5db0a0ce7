import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
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

/** Where a handle's database lives: the job runner connects to PostgreSQL itself, or shares the one PGlite. */
export type DbBackend = { kind: 'postgres'; url: string } | { kind: 'pglite'; pglite: () => Promise<PGlite>; dataDir?: string };
const backends = new WeakMap<Db, DbBackend>();

export function createDb(config: DbConfig): Db {
	if (config.kind === 'postgres') {
		const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
		backends.set(db, { kind: 'postgres', url: config.url });
		return db;
	}
	// No dataDir means in-memory: used by tests.
	let instance: PGlite | undefined;
	const db = new Kysely<Database>({
		dialect: new PGliteDialect({ pglite: () => (instance = new PGlite(config.dataDir)) })
	});
	backends.set(db, {
		kind: 'pglite',
		dataDir: config.dataDir,
		// Kysely opens PGlite on the first query.
		pglite: async () => {
			if (!instance) await sql`select 1`.execute(db);
			return instance!;
		}
	});
	return db;
}

export function backendOf(db: Db): DbBackend {
	const backend = backends.get(db);
	if (!backend) throw new Error('not a handle made by createDb');
	return backend;
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
