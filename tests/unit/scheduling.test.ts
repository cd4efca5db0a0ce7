import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween, todayIn } from '$lib/domain/scheduling/dates';
import { inSample, sampleHash } from '$lib/domain/scheduling/sampling';
import { capAllows, classify, dueDate, campaignFormSchema, type CampaignRule } from '$lib/domain/scheduling/campaign-rules';

const day = fc.integer({ min: 0, max: 60_000 }).map((n) => addDays('1970-01-01', n));
const rule: CampaignRule = { delayDays: 30, samplePercent: 100, sampleSeed: 's', channel: 'link' };

describe('due dates', () => {
	it('fall exactly N days after the event, across month and year ends', () => {
		fc.assert(
			fc.property(day, fc.integer({ min: 0, max: 3650 }), (event, n) => {
				const due = dueDate(event, n);
				expect(daysBetween(event, due)).toBe(n);
				expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			})
		);
		expect(dueDate('2026-01-31', 30)).toBe('2026-03-02');
		expect(dueDate('2028-02-20', 10)).toBe('2028-03-01');
	});

	it('reads today in the configured time zone', () => {
		const late = new Date('2026-11-01T17:30:00Z');
		expect(todayIn('Asia/Shanghai', late)).toBe('2026-11-02');
		expect(todayIn('UTC', late)).toBe('2026-11-01');
	});
});

describe('sampling', () => {
	it('is reproducible: the same seed picks the same contacts', () => {
		fc.assert(
			fc.property(fc.string(), fc.uuid(), fc.integer({ min: 1, max: 100 }), (seed, id, p) => {
				expect(inSample(seed, id, p)).toBe(inSample(seed, id, p));
			})
		);
	});

	it('keeps everyone a smaller percentage had; 100 % keeps all', () => {
		fc.assert(
			fc.property(fc.string(), fc.uuid(), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (seed, id, a, b) => {
				const [lo, hi] = a < b ? [a, b] : [b, a];
				if (inSample(seed, id, lo)) expect(inSample(seed, id, hi)).toBe(true);
				expect(inSample(seed, id, 100)).toBe(true);
			})
		);
	});

	it('picks close to the asked share, and another seed picks others', () => {
		const ids = Array.from({ length: 20_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
		const a = ids.filter((id) => inSample('spring', id, 10));
		const b = ids.filter((id) => inSample('autumn', id, 10));
		expect(a.length).toBeGreaterThan(1800);
		expect(a.length).toBeLessThan(2200);
		const overlap = a.filter((id) => b.includes(id)).length;
		expect(overlap).toBeLessThan(400); // independent 10 % samples share about 1 %
		expect(sampleHash('x', 'y')).toBe(sampleHash('x', 'y'));
	});
});

describe('frequency cap', () => {
	it('never lets two callbacks to one contact fall within the cap, whatever the order of campaigns', () => {
		fc.assert(
			fc.property(fc.array(day, { maxLength: 20 }), fc.integer({ min: 0, max: 400 }), (dues, cap) => {
				const accepted: string[] = [];
				for (const due of dues) if (capAllows(due, accepted, cap)) accepted.push(due);
				for (const a of accepted) for (const b of accepted) if (a !== b) expect(Math.abs(daysBetween(a, b))).toBeGreaterThanOrEqual(cap);
				if (dues.length > 0) expect(accepted[0]).toBe(dues[0]);
			})
		);
	});

	it('classifies in a fixed order of reasons', () => {
		const c = { id: 'c1', phone: '+8613800138000', doNotContact: false, eventDate: '2026-01-01' };
		const ctx = { today: '2026-03-01', capDays: 30, others: [] as string[], enrolled: false };
		expect(classify(c, rule, ctx)).toEqual({ included: true, due: '2026-01-31' });
		expect(classify({ ...c, doNotContact: true, phone: null }, rule, ctx)).toEqual({ included: false, reason: 'do_not_contact' });
		expect(classify({ ...c, phone: null }, rule, ctx)).toEqual({ included: false, reason: 'no_phone' });
		expect(classify({ ...c, eventDate: null }, rule, ctx)).toEqual({ included: false, reason: 'no_event_date' });
		expect(classify(c, rule, { ...ctx, today: '2026-01-30' })).toEqual({ included: false, reason: 'not_due' });
		expect(classify(c, rule, { ...ctx, others: ['2026-02-15'] })).toEqual({ included: false, reason: 'cap' });
		expect(classify(c, rule, { ...ctx, others: ['2026-03-02'] })).toEqual({ included: true, due: '2026-01-31' });
		expect(classify(c, rule, { ...ctx, enrolled: true })).toEqual({ included: false, reason: 'already_enrolled' });
	});
});

describe('campaign form', () => {
	const valid = {
		name: '保养后 30 天回访',
		questionnaireId: '6f1c2f58-3c1a-4c53-9a53-0d1a8e0c1f00',
		tiers: 'A, B，A',
		industry: '',
		eventFrom: '2026-01-01',
		eventTo: '2026-12-31',
		delayDays: '30',
		samplePercent: '20',
		sampleSeed: 'q1',
		channel: 'link_then_phone',
		phoneAfterDays: '3',
		linkValidDays: '14'
	};
	it('reads tiers as a list and numbers as integers', () => {
		expect(campaignFormSchema.parse(valid)).toMatchObject({ tiers: ['A', 'B'], industry: null, delayDays: 30, samplePercent: 20 });
	});
	it('refuses a reversed window and out-of-range numbers', () => {
		const r = campaignFormSchema.safeParse({ ...valid, eventFrom: '2026-12-31', eventTo: '2026-01-01', samplePercent: '0', delayDays: 'x' });
		const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
		expect(messages).toEqual({ eventTo: 'campaign_error_window', samplePercent: 'campaign_error_percent', delayDays: 'campaign_error_days' });
	});
});
