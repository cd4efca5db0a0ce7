import type { Db } from '../../db/index';

/**
 * Work that must happen on a schedule whether or not anyone opens a page.
 * Each area lists its jobs in a file beside this one; the job runner schedules
 * them all. `run` must be idempotent and safe when several processes run it at
 * once (row locks, SKIP LOCKED or conditional updates), and takes the time as a
 * parameter so tests move the clock instead of waiting.
 */
export interface PeriodicJob {
	/** Unique queue name, kebab-case: `calls-release-stale-claims`. */
	name: string;
	/** Five-field cron expression, in UTC. */
	cron: string;
	run(db: Db, now: Date): Promise<unknown>;
}
