import { sql } from 'kysely';
import type { Db } from './db';

/** The migrations this build was made with (names as the Migrator records them). */
const BUILT_WITH = Object.keys(import.meta.glob('/migrations/*.ts'))
	.map((file) => file.replace(/^.*\/(.+)\.ts$/, '$1'))
	.sort();

export type Readiness =
	| { ready: true }
	| { ready: false; reason: 'database_unreachable' }
	| { ready: false; reason: 'migrations_pending'; pending: string[] };

const TIMEOUT_MS = 3000;

/** Ready to serve: the database answers within a few seconds and has every migration this build expects. */
export async function readiness(db: Db, expected: string[] = BUILT_WITH): Promise<Readiness> {
	let applied: Set<string>;
	try {
		const query = sql<{ name: string }>`select name from kysely_migration`.execute(db);
		const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref());
		applied = new Set((await Promise.race([query, timeout])).rows.map((r) => r.name));
	} catch (e) {
		// A database that answers but has no migration table yet is reachable and behind.
		if (e instanceof Error && /kysely_migration.*does not exist/.test(e.message)) {
			return { ready: false, reason: 'migrations_pending', pending: expected };
		}
		return { ready: false, reason: 'database_unreachable' };
	}
	const pending = expected.filter((name) => !applied.has(name));
	return pending.length ? { ready: false, reason: 'migrations_pending', pending } : { ready: true };
}
