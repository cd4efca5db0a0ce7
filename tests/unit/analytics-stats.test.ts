import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '$lib/domain/analytics/scores';
import { meanEstimate, meanFromSums, normalCdf, npsDifferenceZ, npsEstimate, significantChange, twoProportionZ, twoSidedP } from '$lib/domain/analytics/intervals';
import { pareto } from '$lib/domain/analytics/pareto';
import { addFact, emptyCounts, grainFor, groupCounts, periodStart, scores } from '$lib/domain/analytics/summary';
import { dateRange, parseFilters, previousPeriod } from '$lib/domain/analytics/filters';
import { CHURN_CAUSES } from '$lib/domain/questionnaire/definition';

describe('Wilson interval', () => {
	// Newcombe (1998), Statistics in Medicine 17:857–872, table I, method 3 (score, no continuity correction).
	it.each([
		[81, 263, 0.2553, 0.3662],
		[15, 148, 0.0624, 0.1605],
		[0, 20, 0, 0.1611],
		[1, 29, 0.0061, 0.1718]
	])('%i of %i gives %f–%f', (x, n, low, high) => {
		const [l, h] = wilsonInterval(x, n)!;
		expect(l).toBeCloseTo(low, 4);
		expect(h).toBeCloseTo(high, 4);
	});
});

describe('NPS interval', () => {
	// whuber's worked example (Cross Validated, "margin of error in a NPS result"): 1/2 promoters,
	// 1/3 passives, 1/6 detractors give NPS 1/3 and a per-answer variance of 5/9.
	it('uses the variance of the −1/0/+1 scores', () => {
		const e = npsEstimate(300, 100, 600)!;
		expect(e.value).toBeCloseTo(100 / 3, 10);
		const half = 1.96 * Math.sqrt(5 / 9 / 600) * 100;
		expect(e.low).toBeCloseTo(100 / 3 - half, 10);
		expect(e.high).toBeCloseTo(100 / 3 + half, 10);
	});
	it('is null without answers and stays within −100…100', () => {
		expect(npsEstimate(0, 0, 0)).toBeNull();
		expect(npsEstimate(3, 0, 3)!.high).toBe(100);
	});
});

describe('tests of change', () => {
	it('has a normal CDF good to 7 digits', () => {
		expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
		expect(twoSidedP(1.96)).toBeCloseTo(0.05, 4);
	});
	// Pooled two-proportion z: 120/200 against 150/300, p̂ = 0.54, SE = 0.04550, z = 2.198.
	it('marks a significant rise of a yes-rate and ignores a small one', () => {
		expect(twoProportionZ(120, 200, 150, 300)).toBeCloseTo(2.198, 3);
		expect(significantChange(twoProportionZ(120, 200, 150, 300))).toBe('up');
		expect(significantChange(twoProportionZ(52, 100, 50, 100))).toBe('none');
		expect(significantChange(twoProportionZ(30, 100, 50, 100))).toBe('down');
	});
	it('compares two NPS with their own variances', () => {
		const a = { promoters: 300, detractors: 100, n: 600 };
		const z = npsDifferenceZ(a, { promoters: 200, detractors: 200, n: 600 })!;
		// (1/3 − 0) / sqrt(5/9/600 + (2/3)/600)
		expect(z).toBeCloseTo(1 / 3 / Math.sqrt(5 / 9 / 600 + 2 / 3 / 600), 10);
		expect(significantChange(z)).toBe('up');
		expect(significantChange(npsDifferenceZ(a, a))).toBe('none');
	});
	it('gives the mean rating an interval from its sample variance', () => {
		const e = meanEstimate(new Map([[5, 2], [3, 2]]))!;
		expect(e.value).toBe(4);
		// s² = 4/3, half-width 1.96·sqrt(4/3/4)
		expect(e.high - e.value).toBeCloseTo(1.96 * Math.sqrt(1 / 3), 10);
	});
	it('gives the same mean from count, sum and sum of squares, as a score rollup row carries them', () => {
		expect(meanFromSums(4, 16, 68)).toEqual(meanEstimate(new Map([[5, 2], [3, 2]])));
		expect(meanFromSums(0, 0, 0)).toBeNull();
	});
	it('adds rows of sums into groups exactly as the facts they come from', () => {
		const fromFacts = emptyCounts();
		for (const [kind, value, n] of [['', '', 3], ['key', 'yes', 2], ['key', 'no', 1], ['rating', '5', 2], ['rating', '3', 1], ['nps', '10', 1], ['nps', '7', 1], ['nps', '2', 1]] as const) addFact(fromFacts, kind, value, n);
		expect(fromFacts).toEqual({ responses: 3, keyYes: 2, keyTotal: 3, ratingN: 3, ratingSum: 13, ratingSquares: 59, promoters: 1, detractors: 1, npsTotal: 3 });
		const half = { ...fromFacts, responses: 1 };
		const groups = groupCounts([{ group: 'a', ...fromFacts }, { group: 'a', ...half }, { group: 'b', ...half }]);
		expect(groups.get('a')!.responses).toBe(4);
		expect(groups.get('a')!.ratingSquares).toBe(118);
		expect(scores(groups.get('b')!).satisfaction!.value).toBeCloseTo(13 / 3, 12);
	});
});

describe('Pareto', () => {
	it('sorts causes by count with a cumulative line ending at 100 %', () => {
		const bars = pareto({ service: 68, quality: 16, price: 9, supply: 7 }, CHURN_CAUSES);
		expect(bars.map((b) => b.cause)).toEqual(['service', 'quality', 'price', 'supply', 'other']);
		expect(bars.map((b) => Math.round(b.cumulative * 100))).toEqual([68, 84, 93, 100, 100]);
	});
});

describe('periods', () => {
	it('groups by day, ISO week or month by the length of the range', () => {
		expect(grainFor('2026-11-01', '2026-11-30')).toBe('day');
		expect(grainFor('2026-01-01', '2026-11-30')).toBe('week');
		expect(grainFor('2024-01-01', '2026-11-30')).toBe('month');
		expect(periodStart('2026-12-03', 'week')).toBe('2026-11-30'); // a Thursday → its Monday
		expect(periodStart('2026-11-30', 'week')).toBe('2026-11-30');
		expect(periodStart('2026-12-03', 'month')).toBe('2026-12-01');
	});
	it('turns presets into calendar days and finds the previous period', () => {
		expect(dateRange({ range: '7d' }, '2026-12-01')).toEqual({ from: '2026-11-25', to: '2026-12-01' });
		expect(dateRange({ range: 'month' }, '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
		expect(dateRange({ range: 'all', from: '2026-10-01' }, '2026-12-01')).toEqual({ from: '2026-10-01', to: null });
		expect(previousPeriod({ from: '2026-11-25', to: '2026-12-01' })).toEqual({ from: '2026-11-18', to: '2026-11-24' });
		expect(previousPeriod({ from: null, to: null })).toBeNull();
	});
	it('reads filters from a URL, completed only by default, and names a bad field', () => {
		const ok = parseFilters(new URLSearchParams('range=30d&channel=phone&tier=A&campaign='), '2026-12-01');
		expect(ok.ok && ok.filters).toMatchObject({ from: '2026-11-02', to: '2026-12-01', statuses: ['completed'], channel: 'phone', tier: 'A', campaign: undefined });
		expect(parseFilters(new URLSearchParams('status=all'), '2026-12-01')).toMatchObject({ ok: true, filters: { statuses: ['completed', 'partial'] } });
		expect(parseFilters(new URLSearchParams('channel=fax'), '2026-12-01')).toEqual({ ok: false, field: 'channel' });
		expect(parseFilters(new URLSearchParams('range=custom&from=2026-12-05&to=2026-12-01'), '2026-12-01')).toEqual({ ok: false, field: 'to' });
	});
});
