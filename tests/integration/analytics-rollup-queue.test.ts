import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from './setup';
import type { Db } from '$lib/server/db';
import { foldPendingRollups, rebuildRollups } from '$lib/server/analytics/rollups';
import { analyticsSlices, rollupRows, storeResponse, type GeneratedResponse, type Slices } from './analytics-data';

const BASE = new Date('2026-11-30T04:00:00Z');
const response = (day: number, keys: (boolean | null)[]): GeneratedResponse => ({
	day, hour: 10, phone: false, partial: false, version: 0, campaign: -1, agent: -1, contact: -1, keys, rating: 4, nps: 9, comment: null
});
const queued = async (db: Db) => Number((await sql<{ n: string }>`select count(*) as n from analytics_rollup_pending`.execute(db)).rows[0]!.n);
const responsesCounted = async (db: Db, questionnaireId: string) =>
	Number(
		(
			await sql<{ n: string }>`select coalesce(sum(n), 0) as n from analytics_rollups
				where questionnaire_id = ${questionnaireId}::uuid and cuboid = 0 and question_id = ''`.execute(db)
		).rows[0]!.n
	);

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: the rollup queue`, () => {
		let db: Db;
		let s: Slices;
		beforeAll(async () => {
			db = await dialect.open();
			s = await analyticsSlices(db);
		});
		afterAll(async () => db?.destroy());

		it('queues a submission without touching the rollups, and a fold counts it once', async () => {
			await storeResponse(db, s, response(0, [true, false, true, null, true, true]), BASE);
			await storeResponse(db, s, response(1, [true, true, true, true, true, true]), BASE);
			expect(await queued(db)).toBe(2);
			expect(await responsesCounted(db, s.questionnaireId)).toBe(0);
			expect(await foldPendingRollups(db)).toBe(2);
			expect(await foldPendingRollups(db)).toBe(0);
			expect(await queued(db)).toBe(0);
			expect(await responsesCounted(db, s.questionnaireId)).toBe(2);
		});

		it('counts queued responses once when a rebuild runs before the fold', async () => {
			await storeResponse(db, s, response(2, [false, false, true, true, true, true]), BASE);
			await rebuildRollups(db, s.questionnaireId);
			expect(await queued(db)).toBe(0);
			expect(await foldPendingRollups(db)).toBe(0);
			const afterRebuild = await rollupRows(db, s.questionnaireId);
			await rebuildRollups(db, s.questionnaireId);
			expect(await rollupRows(db, s.questionnaireId)).toEqual(afterRebuild);
			expect(await responsesCounted(db, s.questionnaireId)).toBe(3);
		});

		if (dialect.name === 'postgres') {
			it('leaves the work to a fold already running instead of waiting for it (background fold)', async () => {
				await storeResponse(db, s, response(3, [true, true, true, true, true, true]), BASE);
				await db.transaction().execute(async (trx) => {
					await sql`select pg_advisory_xact_lock(hashtext('huifang.analytics_rollup_pending'))`.execute(trx);
					expect(await foldPendingRollups(db, { wait: false })).toBe(0);
				});
				expect(await foldPendingRollups(db, { wait: false })).toBe(1);
				expect(await responsesCounted(db, s.questionnaireId)).toBe(4);
			});
		}
	});
}
