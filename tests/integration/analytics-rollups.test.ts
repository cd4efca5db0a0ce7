import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import * as scoreRollups from '../../migrations/0041_analytics_score_rollups';
import { DIALECTS } from './setup';
import type { Db } from '$lib/server/db';
import { analyticsNumbers } from '$lib/server/analytics/service';
import { sliceValues } from '$lib/server/analytics/queries';
import { rebuildRollups } from '$lib/server/analytics/rollups';
import { addDays, todayIn } from '$lib/domain/scheduling/dates';
import type { Filters } from '$lib/domain/analytics/filters';
import { analyticsSlices, rollupRows, scoreRollupRows, storeResponse, type GeneratedResponse, type Slices } from './analytics-data';

const TZ = 'Asia/Shanghai';
const BASE = new Date('2026-11-30T04:00:00Z');
const TODAY = todayIn(TZ, BASE);

const generatedResponse: fc.Arbitrary<GeneratedResponse> = fc.record({
	day: fc.integer({ min: 0, max: 20 }),
	hour: fc.integer({ min: 0, max: 23 }),
	phone: fc.boolean(),
	partial: fc.boolean(),
	version: fc.integer({ min: 0, max: 1 }),
	campaign: fc.integer({ min: -1, max: 1 }),
	agent: fc.integer({ min: -1, max: 1 }),
	contact: fc.integer({ min: -1, max: 2 }),
	keys: fc.array(fc.option(fc.boolean()), { minLength: 6, maxLength: 6 }),
	rating: fc.option(fc.integer({ min: 1, max: 5 })),
	nps: fc.option(fc.integer({ min: 0, max: 10 })),
	comment: fc.option(fc.constantFrom('等待时间太长了', 'fine'))
});

/** Filters over the slices: each dimension either open or one of its values. */
const filtersFor = (s: Slices) =>
	fc.record({
		range: fc.option(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 10 }))),
		statuses: fc.constantFrom<Filters['statuses']>(['completed'], ['partial'], ['completed', 'partial']),
		channel: fc.option(fc.constantFrom('web' as const, 'phone' as const), { nil: undefined }),
		campaign: fc.option(fc.constantFrom(...s.campaigns), { nil: undefined }),
		version: fc.option(fc.constantFrom(...s.versions), { nil: undefined }),
		tier: fc.option(fc.constantFrom('A', 'B', ''), { nil: undefined }),
		industry: fc.option(fc.constantFrom('auto', 'fleet'), { nil: undefined }),
		agent: fc.option(fc.constantFrom(...s.agents), { nil: undefined })
	}).map(({ range, ...rest }): Filters => ({
		...rest,
		from: range ? addDays(TODAY, -range[0]) : null,
		to: range ? addDays(TODAY, -range[0] + range[1]) : null
	}));

/** The numbers in a stable order, so rollups and raw answers compare as equal values. */
async function numbers(db: Db, s: Slices, f: Filters, raw: boolean) {
	const n = await analyticsNumbers(db, s.questionnaireId, TZ, f, raw);
	const key = (r: object) => JSON.stringify(r);
	const sorted = <T extends object>(rows: T[]) => rows.map(key).sort();
	return { facts: sorted(n.facts), channels: sorted(n.channels), days: sorted(n.days), segments: sorted(n.segments), before: sorted(n.before) };
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: analytics rollups`, () => {
		let db: Db;
		let s: Slices;
		beforeAll(async () => {
			db = await dialect.open();
			s = await analyticsSlices(db);
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('keeps rollups equal to the raw answers and to a rebuild, for random responses and filters', async () => {
			await fc.assert(
				fc.asyncProperty(fc.array(generatedResponse, { minLength: 1, maxLength: 12 }), fc.array(filtersFor(s), { minLength: 3, maxLength: 3 }), async (responses, filters) => {
					for (const r of responses) await storeResponse(db, s, r, BASE);
					for (const f of filters) expect(await numbers(db, s, f, false)).toEqual(await numbers(db, s, f, true));
					const incremental = await rollupRows(db, s.questionnaireId);
					const incrementalScores = await scoreRollupRows(db, s.questionnaireId);
					expect(incrementalScores.length).toBeGreaterThan(0);
					await rebuildRollups(db, s.questionnaireId, TZ);
					expect(await rollupRows(db, s.questionnaireId)).toEqual(incremental);
					expect(await scoreRollupRows(db, s.questionnaireId)).toEqual(incrementalScores);
				}),
				{ numRuns: 6 }
			);
		}, 180_000);

		it('backfills the score rollups in migration 0041 exactly as the submit path keeps them', async () => {
			const kept = await scoreRollupRows(db, s.questionnaireId);
			expect(kept.length).toBeGreaterThan(0);
			await scoreRollups.down(db as Kysely<unknown>);
			await scoreRollups.up(db as Kysely<unknown>);
			expect(await scoreRollupRows(db, s.questionnaireId)).toEqual(kept);
		});

		it('gives the same numbers from rollups as from raw answers for every combination of filters', async () => {
			const dims = ['range', 'channel', 'campaign', 'version', 'tier', 'industry', 'agent'] as const;
			for (let mask = 0; mask < 1 << dims.length; mask++) {
				const on = (d: (typeof dims)[number]) => (mask & (1 << dims.indexOf(d))) !== 0;
				const f: Filters = {
					from: on('range') ? addDays(TODAY, -9) : null,
					to: on('range') ? addDays(TODAY, -2) : null,
					statuses: mask % 3 === 0 ? ['completed', 'partial'] : ['completed'],
					channel: on('channel') ? 'phone' : undefined,
					campaign: on('campaign') ? s.campaigns[0] : undefined,
					version: on('version') ? s.versions[1] : undefined,
					tier: on('tier') ? 'B' : undefined,
					industry: on('industry') ? 'auto' : undefined,
					agent: on('agent') ? s.agents[0] : undefined
				};
				expect(await numbers(db, s, f, false), `filters ${JSON.stringify(f)}`).toEqual(await numbers(db, s, f, true));
			}
		}, 180_000);

		it('filters on a contact attribute through the raw answers', async () => {
			const fixed: GeneratedResponse = { day: 1, hour: 3, phone: false, partial: false, version: 0, campaign: -1, agent: -1, contact: 1, keys: [true, false, true, true, true, true], rating: 4, nps: 9, comment: null };
			await storeResponse(db, s, fixed, BASE);
			const all: Filters = { from: null, to: null, statuses: ['completed', 'partial'] };
			const store = await analyticsNumbers(db, s.questionnaireId, TZ, { ...all, attribute: { key: 'store', value: '浦东店' } });
			const tierB = await analyticsNumbers(db, s.questionnaireId, TZ, { ...all, tier: 'B', industry: 'auto' });
			// Only contact 1 is at 浦东店, and it is the only tier-B auto contact.
			expect(store.facts.map((f) => JSON.stringify(f)).sort()).toEqual(tierB.facts.map((f) => JSON.stringify(f)).sort());
			expect(store.facts.length).toBeGreaterThan(0);
			// The filter form offers the tiers and industries that have responses.
			const values = await sliceValues(db, s.questionnaireId);
			expect(values.tiers).toContain('B');
			expect(values.industries).toContain('auto');
		});
	});
}
