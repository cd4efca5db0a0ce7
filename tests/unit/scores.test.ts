import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { churnShares, isDetractor, isPromoter, nps, percent, wilsonInterval, yesRate } from '$lib/domain/analytics/scores';

describe('yesRate', () => {
	it('is the share of yes, and null without answers', () => {
		expect(yesRate(3, 4)).toBe(0.75);
		expect(yesRate(0, 0)).toBeNull();
	});
});

describe('nps', () => {
	it('is % promoters minus % detractors', () => {
		expect(nps({ promoters: 5, detractors: 2, total: 10 })).toBe(30);
		expect(nps({ promoters: 0, detractors: 4, total: 4 })).toBe(-100);
		expect(nps({ promoters: 0, detractors: 0, total: 0 })).toBeNull();
	});

	it('classes 9–10 as promoters, 0–6 as detractors, 7–8 as neither', () => {
		expect([9, 10].every(isPromoter)).toBe(true);
		expect([0, 6].every(isDetractor)).toBe(true);
		expect([7, 8].some((s) => isPromoter(s) || isDetractor(s))).toBe(false);
	});

	it('stays within -100..100', () => {
		fc.assert(
			fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), (p, d, passive) => {
				const score = nps({ promoters: p, detractors: d, total: p + d + passive });
				if (p + d + passive === 0) expect(score).toBeNull();
				else expect(Math.abs(score!)).toBeLessThanOrEqual(100);
			})
		);
	});
});

describe('churnShares', () => {
	it('splits "no" answers by cause, in a fixed order with every cause present', () => {
		const shares = churnShares({ service: 68, quality: 16, price: 9, supply: 7 });
		expect(shares.map((s) => s.cause)).toEqual(['service', 'quality', 'price', 'supply', 'other']);
		expect(shares[0]).toEqual({ cause: 'service', noCount: 68, share: 0.68 });
		expect(shares[4]!.share).toBe(0);
	});

	it('sums to 1 whenever there is a "no"', () => {
		fc.assert(
			fc.property(fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500), (a, b, c, d, e) => {
				const shares = churnShares({ service: a, quality: b, price: c, supply: d, other: e });
				const sum = shares.reduce((s, x) => s + x.share, 0);
				if (a + b + c + d + e === 0) expect(sum).toBe(0);
				else expect(sum).toBeCloseTo(1, 10);
			})
		);
	});
});

describe('wilsonInterval', () => {
	it('contains the observed rate and stays within [0, 1]', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (total, p) => {
				const yes = Math.round(p * total);
				const [low, high] = wilsonInterval(yes, total)!;
				expect(low).toBeGreaterThanOrEqual(0);
				expect(high).toBeLessThanOrEqual(1);
				expect(low).toBeLessThanOrEqual(yes / total + 1e-12);
				expect(high).toBeGreaterThanOrEqual(yes / total - 1e-12);
			})
		);
	});

	it('narrows as the sample grows', () => {
		const [l1, h1] = wilsonInterval(5, 10)!;
		const [l2, h2] = wilsonInterval(500, 1000)!;
		expect(h2 - l2).toBeLessThan(h1 - l1);
		expect(wilsonInterval(0, 0)).toBeNull();
	});
});

describe('percent', () => {
	it('rounds to a whole percentage and shows a dash for no data', () => {
		expect(percent(0.3333)).toBe('33%');
		expect(percent(null)).toBe('—');
	});
});
