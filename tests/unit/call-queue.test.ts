import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CALL_OUTCOMES } from '$lib/domain/calls/outcomes';
import { MAX_ATTEMPTS, afterCall, parseCallbackTime } from '$lib/domain/scheduling/call-queue';
import { addDays, timeIn, zonedInstant } from '$lib/domain/scheduling/dates';

const TODAY = '2026-06-10';
const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));

describe('after a call', () => {
	it('closes answered and refused callbacks, flags wrong numbers', () => {
		const ctx = { attempts: 1, today: TODAY, callback: null };
		expect(afterCall('completed', ctx)).toEqual({ status: 'responded', next: null, contacted: true });
		expect(afterCall('partial', ctx)).toEqual({ status: 'partial', next: null, contacted: true });
		expect(afterCall('refused', ctx)).toEqual({ status: 'refused', next: null, contacted: true });
		expect(afterCall('wrong_number', ctx)).toEqual({ status: 'invalid_number', next: null, contacted: false });
	});

	it('retries no answer and busy tomorrow, and gives up at the attempt limit', () => {
		for (const outcome of ['no_answer', 'busy'] as const) {
			expect(afterCall(outcome, { attempts: 1, today: TODAY, callback: null })).toEqual({
				status: 'scheduled',
				next: { date: '2026-06-11', time: null },
				contacted: false
			});
			expect(afterCall(outcome, { attempts: MAX_ATTEMPTS, today: TODAY, callback: null }).status).toBe('unreachable');
		}
	});

	it('calls back when the customer asked, else tomorrow', () => {
		const asked = { date: '2026-06-12', time: '15:00' };
		expect(afterCall('call_back_later', { attempts: 5, today: TODAY, callback: asked })).toEqual({ status: 'scheduled', next: asked, contacted: true });
		expect(afterCall('call_back_later', { attempts: 1, today: TODAY, callback: null }).next).toEqual({ date: '2026-06-11', time: null });
	});

	it('never schedules a callback in the past, and every attempt sequence ends within the limit', () => {
		fc.assert(
			fc.property(fc.constantFrom(...CALL_OUTCOMES), fc.integer({ min: 1, max: 20 }), day, (outcome, attempts, today) => {
				const s = afterCall(outcome, { attempts, today, callback: null });
				if (s.next) expect(s.next.date > today).toBe(true);
				expect(s.status === 'scheduled').toBe(s.next !== null);
				if ((outcome === 'no_answer' || outcome === 'busy') && attempts >= MAX_ATTEMPTS) expect(s.status).toBe('unreachable');
			})
		);
	});
});

describe('a call-back time noted by the agent', () => {
	const parse = (note: string, now = '10:00') => parseCallbackTime(note, TODAY, now);
	it('reads dates and times in Chinese and English', () => {
		expect(parse('客户说明天下午3点再打')).toEqual({ date: '2026-06-11', time: '15:00' });
		expect(parse('后天 10:30')).toEqual({ date: '2026-06-12', time: '10:30' });
		expect(parse('2026-07-01 09:15 再联系')).toEqual({ date: '2026-07-01', time: '09:15' });
		expect(parse('6月20日')).toEqual({ date: '2026-06-20', time: null });
		expect(parse('1月5号上午')).toEqual({ date: '2027-01-05', time: null });
		expect(parse('call back tomorrow at 4pm')).toEqual({ date: '2026-06-11', time: '16:00' });
		expect(parse('in 3 days')).toEqual({ date: '2026-06-13', time: null });
		expect(parse('３天后')).toEqual({ date: '2026-06-13', time: null });
		expect(parse('晚上8点半')).toEqual({ date: '2026-06-10', time: '20:30' });
		expect(parse('9点', '10:00')).toEqual({ date: '2026-06-11', time: '09:00' });
		expect(parse('下周')).toEqual({ date: '2026-06-17', time: null });
	});

	it('ignores notes without a usable time', () => {
		for (const note of ['在开会', '', '2026-02-30', '2025-01-01', '25:00', '2030-01-01']) expect(parse(note), note).toBeNull();
		expect(parseCallbackTime(null, TODAY, '10:00')).toBeNull();
	});

	it('never returns a day before today, whatever the note says', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), day, (note, today) => {
				const r = parseCallbackTime(note, today, '12:00');
				if (r) {
					expect(r.date >= today).toBe(true);
					if (r.time) expect(r.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
				}
			})
		);
	});
});

describe('wall-clock times in a zone', () => {
	it('finds the instant a zone shows a time, and back', () => {
		expect(zonedInstant('2026-06-11', '15:00', 'Asia/Shanghai').toISOString()).toBe('2026-06-11T07:00:00.000Z');
		expect(zonedInstant('2026-01-15', '09:30', 'Europe/Berlin').toISOString()).toBe('2026-01-15T08:30:00.000Z');
		expect(zonedInstant('2026-07-15', '09:30', 'Europe/Berlin').toISOString()).toBe('2026-07-15T07:30:00.000Z');
		fc.assert(
			fc.property(day, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (date, h, m) => {
				const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
				expect(timeIn('Asia/Shanghai', zonedInstant(date, time, 'Asia/Shanghai'))).toBe(time);
			})
		);
	});
});
