import PgBoss from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import { backendOf, type Db } from '../db/index';

/** pg-boss keeps its queues in this schema of the app's database. */
export const BOSS_SCHEMA = 'pgboss';

/**
 * pg-boss over the one in-process PGlite. PGlite serialises every query and
 * transaction itself, so pg-boss's statements never interleave with an open
 * Kysely transaction. pg-boss sends its migrations and maintenance as one
 * multi-statement text without parameters (BEGIN; advisory lock; …; COMMIT),
 * which only `exec` accepts; every parameterised command is a single statement.
 * The texts run inside a PGlite transaction (their own BEGIN/COMMIT only warn
 * there) so that a failing statement is rolled back instead of leaving the one
 * shared session in an aborted transaction. One session also means pg-boss's
 * advisory locks exclude nothing here: run one pg-boss per PGlite (the app does).
 */
export function pgliteBossDb(pglite: PGlite): PgBoss.Db {
	return {
		async executeSql(text: string, values?: unknown[]) {
			if (values && values.length > 0) return pglite.query(text, values);
			const results = await pglite.transaction((tx) => tx.exec(text));
			return { rows: results.flatMap((r) => r.rows) };
		}
	};
}

export interface BossOptions {
	/** Run cron schedules (sending scheduled jobs). Several instances may; pg-boss elects one per tick. */
	schedule?: boolean;
	/** Run pg-boss maintenance (expiry, archive). */
	supervise?: boolean;
}

/** A pg-boss instance on the database of `db`: its own pool on PostgreSQL, the shared PGlite otherwise. */
export async function createBoss(db: Db, opts: BossOptions = {}): Promise<PgBoss> {
	const backend = backendOf(db);
	const common = { schema: BOSS_SCHEMA, schedule: opts.schedule ?? true, supervise: opts.supervise ?? true };
	if (backend.kind === 'postgres') {
		return new PgBoss({ ...common, connectionString: backend.url, max: 3, application_name: 'huifang-jobs' });
	}
	return new PgBoss({ ...common, db: pgliteBossDb(await backend.pglite()) });
}
