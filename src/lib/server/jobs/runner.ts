import type PgBoss from 'pg-boss';
import type { Db } from '../db/index';
import { log } from '../log';
import { createBoss, type BossOptions } from './boss';
import { periodicJobs } from './periodic/index';
import type { PeriodicJob } from './periodic/types';

export interface RunnerOptions extends BossOptions {
	jobs?: PeriodicJob[];
	/** The current time handed to each run (the app's clock, which browser tests can move). */
	now: () => Date;
	pollingIntervalSeconds?: number;
}

/**
 * Every periodic job as a pg-boss queue with a cron schedule and a worker.
 * pg-boss fetches with `FOR UPDATE SKIP LOCKED`, so however many app and worker
 * processes run this, one job is handed to one worker; the `stately` policy keeps
 * at most one run queued and one active per queue, so a slow run is not piled on.
 * A failed run is retried with backoff (30 s, 60 s, …), then stays failed with
 * its error for /admin/jobs.
 */
export async function startRunner(db: Db, opts: RunnerOptions): Promise<PgBoss> {
	const boss = await createBoss(db, opts);
	boss.on('error', (error: Error) => log('error', 'jobs', { error: String(error), stack: error.stack }));
	await boss.start();
	const jobs = opts.jobs ?? periodicJobs;
	for (const job of jobs) {
		await boss.createQueue(job.name, {
			name: job.name,
			policy: 'stately',
			retryLimit: 3,
			retryDelay: 30,
			retryBackoff: true,
			expireInSeconds: 15 * 60
		});
		await boss.schedule(job.name, job.cron);
		await boss.work(job.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 5 }, async () => {
			const result = await job.run(db, opts.now());
			return result ?? null;
		});
	}
	// Queues of jobs no longer listed keep no schedule.
	for (const s of await boss.getSchedules()) {
		if (!jobs.some((j) => j.name === s.name)) await boss.unschedule(s.name);
	}
	return boss;
}
