import { DETRACTOR_MAX, PROMOTER_MIN, wilsonInterval } from './scores';
import { meanFromSums, npsDifferenceZ, npsEstimate, significantChange, twoProportionZ, type Change, type Estimate } from './intervals';
import { addDays, toDayNumber, fromDayNumber } from '../scheduling/dates';

/**
 * Counts of one group (a day, a week, a segment): responses and the sums the scores
 * need. Ratings are kept as count, sum and sum of squares (exact integers) so that a
 * rollup row can carry them as plain columns and groups add up by addition.
 */
export interface ScoreCounts {
	responses: number;
	keyYes: number;
	keyTotal: number;
	ratingN: number;
	ratingSum: number;
	ratingSquares: number;
	promoters: number;
	detractors: number;
	npsTotal: number;
}

export const emptyCounts = (): ScoreCounts => ({ responses: 0, keyYes: 0, keyTotal: 0, ratingN: 0, ratingSum: 0, ratingSquares: 0, promoters: 0, detractors: 0, npsTotal: 0 });

/** Adds one fact count (kind '' = responses) to a group's counts. */
export function addFact(c: ScoreCounts, kind: string, value: string, n: number): void {
	if (kind === '') c.responses += n;
	else if (kind === 'key') {
		c.keyTotal += n;
		if (value === 'yes') c.keyYes += n;
	} else if (kind === 'rating') {
		const v = Number(value);
		c.ratingN += n;
		c.ratingSum += v * n;
		c.ratingSquares += v * v * n;
	} else if (kind === 'nps') {
		const v = Number(value);
		c.npsTotal += n;
		if (v >= PROMOTER_MIN) c.promoters += n;
		if (v <= DETRACTOR_MAX) c.detractors += n;
	}
}

/** Adds the counts of `more` into `c`. */
export function addCounts(c: ScoreCounts, more: ScoreCounts): void {
	for (const k of Object.keys(c) as (keyof ScoreCounts)[]) c[k] += more[k];
}

/** Sums rows of counts by group (a day into its week, a segment's rows into one). */
export function groupCounts<T extends ScoreCounts & { group: string }>(rows: T[], key = (r: T) => r.group): Map<string, ScoreCounts> {
	const groups = new Map<string, ScoreCounts>();
	for (const r of rows) {
		const k = key(r);
		let c = groups.get(k);
		if (!c) groups.set(k, (c = emptyCounts()));
		addCounts(c, r);
	}
	return groups;
}

export interface Scores {
	responses: number;
	yesRate: Estimate | null;
	satisfaction: Estimate | null;
	nps: Estimate | null;
}

export function scores(c: ScoreCounts): Scores {
	const wilson = wilsonInterval(c.keyYes, c.keyTotal);
	return {
		responses: c.responses,
		yesRate: wilson ? { value: c.keyYes / c.keyTotal, low: wilson[0], high: wilson[1], n: c.keyTotal } : null,
		satisfaction: meanFromSums(c.ratingN, c.ratingSum, c.ratingSquares),
		nps: npsEstimate(c.promoters, c.detractors, c.npsTotal)
	};
}

/** Yes-rate and NPS change against the previous period, marked only when significant. */
export function changes(now: ScoreCounts, before: ScoreCounts): { yesRate: Change; nps: Change } {
	return {
		yesRate: significantChange(twoProportionZ(now.keyYes, now.keyTotal, before.keyYes, before.keyTotal)),
		nps: significantChange(
			npsDifferenceZ(
				{ promoters: now.promoters, detractors: now.detractors, n: now.npsTotal },
				{ promoters: before.promoters, detractors: before.detractors, n: before.npsTotal }
			)
		)
	};
}

export type Grain = 'day' | 'week' | 'month';

/** Days up to two months read as days; up to a year as ISO weeks; longer as months. */
export function grainFor(firstDay: string, lastDay: string): Grain {
	const days = toDayNumber(lastDay) - toDayNumber(firstDay) + 1;
	return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month';
}

/** The first day of the period a day falls in: itself, its Monday, or the 1st of its month. */
export function periodStart(day: string, grain: Grain): string {
	if (grain === 'day') return day;
	if (grain === 'month') return `${day.slice(0, 7)}-01`;
	const n = toDayNumber(day);
	// Day number 0 (1970-01-01) was a Thursday: Monday-based weekday is (n + 3) mod 7.
	return fromDayNumber(n - ((n + 3) % 7));
}

export { addDays };
