/**
 * 95 % intervals and tests for the numbers managers compare: a yes-rate (Wilson),
 * an NPS (normal interval from the variance of the −1/0/+1 scores) and a mean rating,
 * and whether a change between two periods is larger than chance.
 */
export const Z95 = 1.96;

export interface Estimate {
	value: number;
	/** 95 % interval, in the value's unit. */
	low: number;
	high: number;
	n: number;
}

/** NPS as −100…100 with its interval; each answer scores +1 (9–10), 0 (7–8) or −1 (0–6). */
export function npsEstimate(promoters: number, detractors: number, n: number, z = Z95): Estimate | null {
	if (n <= 0) return null;
	const p = promoters / n;
	const d = detractors / n;
	const score = p - d;
	const variance = p + d - score * score;
	const half = z * Math.sqrt(variance / n);
	return { value: score * 100, low: Math.max(-1, score - half) * 100, high: Math.min(1, score + half) * 100, n };
}

/** Variance of the mean of −1/0/+1 scores, per answer (for the NPS difference test). */
function npsVariance(promoters: number, detractors: number, n: number): number {
	const score = (promoters - detractors) / n;
	return (promoters + detractors) / n - score * score;
}

/** Mean of values given as counts per value, with a normal (t≈z) 95 % interval. */
export function meanEstimate(counts: Map<number, number>, z = Z95): Estimate | null {
	let n = 0;
	let sum = 0;
	let squares = 0;
	for (const [value, count] of counts) {
		n += count;
		sum += value * count;
		squares += value * value * count;
	}
	return meanFromSums(n, sum, squares, z);
}

/** The same mean and interval from the count, sum and sum of squares of the values. */
export function meanFromSums(n: number, sum: number, squares: number, z = Z95): Estimate | null {
	if (n <= 0) return null;
	const mean = sum / n;
	const variance = n > 1 ? (squares - n * mean * mean) / (n - 1) : 0;
	const half = z * Math.sqrt(Math.max(0, variance) / n);
	return { value: mean, low: mean - half, high: mean + half, n };
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedP(zScore: number): number {
	return 2 * (1 - normalCdf(Math.abs(zScore)));
}

/** Standard normal CDF (Abramowitz and Stegun 26.2.17, error < 7.5e-8). */
export function normalCdf(x: number): number {
	const t = 1 / (1 + 0.2316419 * Math.abs(x));
	const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
	const tail = (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)) * poly;
	return x >= 0 ? 1 - tail : tail;
}

/** Pooled two-proportion z statistic: this period's yes-rate against the previous one's. */
export function twoProportionZ(yes1: number, n1: number, yes2: number, n2: number): number | null {
	if (n1 <= 0 || n2 <= 0) return null;
	const pooled = (yes1 + yes2) / (n1 + n2);
	const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
	if (se === 0) return null;
	return (yes1 / n1 - yes2 / n2) / se;
}

/** z statistic of the difference of two independent NPS (unpooled variances). */
export function npsDifferenceZ(
	a: { promoters: number; detractors: number; n: number },
	b: { promoters: number; detractors: number; n: number }
): number | null {
	if (a.n <= 0 || b.n <= 0) return null;
	const se = Math.sqrt(npsVariance(a.promoters, a.detractors, a.n) / a.n + npsVariance(b.promoters, b.detractors, b.n) / b.n);
	if (se === 0) return null;
	return ((a.promoters - a.detractors) / a.n - (b.promoters - b.detractors) / b.n) / se;
}

export type Change = 'up' | 'down' | 'none';

/** A change counts only when it is significant at 5 % (two-sided). */
export function significantChange(zScore: number | null, alpha = 0.05): Change {
	if (zScore === null || twoSidedP(zScore) >= alpha) return 'none';
	return zScore > 0 ? 'up' : 'down';
}
