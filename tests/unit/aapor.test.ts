import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultEligibility, responseRates } from '$lib/domain/calls/aapor';

describe('AAPOR outcome rates (Standard Definitions, 9th edition)', () => {
	// Worked by hand: I=400, P=50, R=150, NC=100, O=50, UH=200, UO=50, e=0.6.
	// I+P = 450; R+NC+O = 300; UH+UO = 250; e(UH+UO) = 150; contacted (I+P)+R+O = 650.
	const counts = { I: 400, P: 50, R: 150, NC: 100, O: 50, UH: 200, UO: 50 };
	const rates = responseRates(counts, 0.6);

	it('matches the hand-worked example', () => {
		const expected = {
			RR1: 400 / 1000,
			RR2: 450 / 1000,
			RR3: 400 / 900,
			RR4: 450 / 900,
			RR5: 400 / 750,
			RR6: 450 / 750,
			COOP1: 400 / 650,
			COOP2: 450 / 650,
			COOP3: 400 / 600,
			COOP4: 450 / 600,
			REF1: 150 / 1000,
			REF2: 150 / 900,
			REF3: 150 / 750,
			CON1: 650 / 1000,
			CON2: 650 / 900,
			CON3: 650 / 750
		};
		expect(Object.keys(rates).sort()).toEqual(Object.keys(expected).sort());
		for (const [key, value] of Object.entries(expected)) expect(rates[key as keyof typeof rates]).toBeCloseTo(value, 12);
		expect(rates.RR1).toBe(0.4);
		expect(rates.CON3).toBeCloseTo(0.8667, 4);
	});

	it('is 0 when a denominator is 0', () => {
		const zero = responseRates({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0 }, 0.5);
		for (const value of Object.values(zero)) expect(value).toBe(0);
		// Only unknowns, e = 0: RR5, COOP and CON3 have nothing to divide by.
		const unknowns = responseRates({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 10, UO: 0 }, 0);
		expect(unknowns.RR3).toBe(0);
		expect(unknowns.CON3).toBe(0);
	});

	it('keeps every rate between 0 and 1 and in the order the definitions imply', () => {
		const n = fc.integer({ min: 0, max: 10_000 });
		fc.assert(
			fc.property(fc.record({ I: n, P: n, R: n, NC: n, O: n, UH: n, UO: n }), fc.double({ min: 0, max: 1, noNaN: true }), (c, e) => {
				const r = responseRates(c, e);
				for (const value of Object.values(r)) {
					expect(value).toBeGreaterThanOrEqual(0);
					expect(value).toBeLessThanOrEqual(1);
				}
				const eps = 1e-12;
				expect(r.RR1).toBeLessThanOrEqual(r.RR2 + eps);
				expect(r.RR1).toBeLessThanOrEqual(r.RR3 + eps);
				expect(r.RR3).toBeLessThanOrEqual(r.RR5 + eps);
				expect(r.RR4).toBeLessThanOrEqual(r.RR6 + eps);
				expect(r.COOP1).toBeLessThanOrEqual(r.COOP3 + eps);
				expect(r.REF1).toBeLessThanOrEqual(r.REF3 + eps);
				expect(r.CON1).toBeLessThanOrEqual(r.CON3 + eps);
			})
		);
	});

	it('estimates e as the eligible share among resolved cases', () => {
		expect(defaultEligibility({ ...counts, NE: 250 })).toBeCloseTo(750 / 1000, 12);
		expect(defaultEligibility({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 5, UO: 0, NE: 0 })).toBe(1);
	});
});
