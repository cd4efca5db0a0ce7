import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PgBoss from 'pg-boss';
import type { Db } from '$lib/server/db';
import { createBoss } from '$lib/server/jobs/boss';
import { startRunner } from '$lib/server/jobs/runner';
import type { PeriodicJob } from '$lib/server/jobs/periodic/types';
import { failedJobs, jobQueues, retryJob } from '$lib/server/jobs/admin';
import { DIALECTS } from './setup';

/** Polls until `done` holds (jobs run on their own schedule); fails after `limit` tries. */
async function until(done: () => Promise<boolean> | boolean, limit = 150): Promise<void> {
	for (let i = 0; i < limit; i++) {
		if (await done()) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('condition not reached');
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: job runner`, () => {
		let db: Db;
		const bosses: PgBoss[] = [];
		beforeAll(async () => {
			db = await dialect.open();
		});
		afterAll(async () => {
			for (const b of bosses) await b.stop({ graceful: false, close: true, wait: true });
			await db.destroy();
		});

		it('two workers never run one job twice', async () => {
			const a = await createBoss(db, { schedule: false, supervise: false });
			const b = await createBoss(db, { schedule: false, supervise: false });
			bosses.push(a, b);
			// PostgreSQL: concurrent start-ups wait on pg-boss's advisory lock. PGlite is one session, so start one after the other.
			if (dialect.name === 'postgres') await Promise.all([a.start(), b.start()]);
			else for (const boss of [a, b]) await boss.start();
			await a.createQueue('test-once', { name: 'test-once' });
			const ran: { worker: string; id: string }[] = [];
			const handler = (worker: string) => async (jobs: PgBoss.Job[]) => {
				for (const job of jobs) ran.push({ worker, id: job.id });
				// Yield so the other worker fetches while this one holds its jobs.
				await new Promise((r) => setTimeout(r, 20));
			};
			await a.work('test-once', { pollingIntervalSeconds: 0.5, batchSize: 3 }, handler('a'));
			await b.work('test-once', { pollingIntervalSeconds: 0.5, batchSize: 3 }, handler('b'));
			const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => a.send('test-once', { i })));
			await until(() => ran.length >= 40);
			await until(async () => (await a.getQueueSize('test-once', { before: 'completed' })) === 0);
			expect(ran).toHaveLength(40);
			expect(new Set(ran.map((r) => r.id))).toEqual(new Set(ids));
			await a.offWork('test-once');
			await b.offWork('test-once');
		});

		it('runs a listed periodic job with the clock it is given, and a failed run can be retried from the admin list', async () => {
			const moved = new Date('2027-03-04T05:06:07Z');
			const seen: string[] = [];
			let failNext = true;
			const jobs: PeriodicJob[] = [
				{
					name: 'test-periodic',
					cron: '0 0 1 1 *',
					async run(_db, now) {
						if (failNext) {
							failNext = false;
							throw new Error('gateway down');
						}
						seen.push(now.toISOString());
					}
				}
			];
			const boss = await startRunner(db, { jobs, now: () => moved, pollingIntervalSeconds: 0.5, schedule: false, supervise: false });
			bosses.push(boss);
			// No retries here, so the failure stays failed until an admin retries it.
			await boss.updateQueue('test-periodic', { name: 'test-periodic', retryLimit: 0 });
			await boss.send('test-periodic', {}, { retryLimit: 0 });
			let failed: Awaited<ReturnType<typeof failedJobs>> = [];
			await until(async () => (failed = await failedJobs(db)).some((j) => j.queue === 'test-periodic'));
			const job = failed.find((j) => j.queue === 'test-periodic')!;
			expect(job.error).toContain('gateway down');
			expect((await jobQueues(db, jobs)).find((q) => q.name === 'test-periodic')).toMatchObject({ cron: '0 0 1 1 *', failed: 1 });

			expect(await retryJob(db, 'test-periodic', job.id)).toBe(true);
			expect(await retryJob(db, 'test-periodic', job.id)).toBe(false);
			await until(() => seen.length === 1);
			expect(seen).toEqual([moved.toISOString()]);
		});
	});
}
