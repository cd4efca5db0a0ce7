import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCallbackTime } from '$lib/domain/scheduling/call-queue';
import { addDays, timeIn, zonedInstant } from '$lib/domain/scheduling/dates';

const TODAY = '2026-06-10';
const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));

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
