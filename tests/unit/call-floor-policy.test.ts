import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SEED_DISPOSITIONS, dispositionFormSchema, dispositionProblem, type Disposition } from '$lib/domain/calls/dispositions';
import { DEFAULT_POLICY, settle, type RetryPolicy } from '$lib/domain/scheduling/retry-policy';
import {
	TYPICAL_CALLING_HOURS,
	ALL_DAY,
	callingHoursFormSchema,
	windowsFromText,
	windowsToText,
	daypartOf,
	isCallable,
	nextCallable,
	weekdayOf,
	type CallingHours
} from '$lib/domain/scheduling/calling-hours';
import { todayIn, timeIn, zonedInstant } from '$lib/domain/scheduling/dates';
import { endingSchema, toAppointment } from '$lib/domain/calls/ending';

const byKey = (key: string) => SEED_DISPOSITIONS.find((d) => d.key === key)!;
const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const ZONES = [SH, NY, 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Sao_Paulo'];
/** Monday 2026-06-01 10:00 in Shanghai. */
const MONDAY = new Date('2026-06-01T02:00:00Z');
const ctx = (over: Partial<Parameters<typeof settle>[3]> = {}) => ({ now: MONDAY, timeZone: SH, hours: TYPICAL_CALLING_HOURS, appointmentStart: null, ...over });
const tally = (attempts: number, over: Partial<Parameters<typeof settle>[1]> = {}) => ({ attempts, attemptsToday: 1, deferrals: 0, voicemails: 0, ...over });

describe('the seeded dispositions', () => {
	it('keep the seven earlier outcomes and cover the satisfaction-callback set', () => {
		const keys = SEED_DISPOSITIONS.map((d) => d.key);
		for (const old of ['completed', 'partial', 'refused', 'no_answer', 'busy', 'wrong_number', 'call_back_later']) expect(keys).toContain(old);
		expect(new Set(keys).size).toBe(keys.length);
		expect(byKey('refused')).toMatchObject({ final: true, setsDnc: true, aaporGroup: 'R' });
		expect(byKey('refused_soft')).toMatchObject({ final: false, retryMinutes: 7 * 24 * 60 });
		expect(byKey('no_answer').retryMinutes).toBe(180);
		expect(byKey('busy').retryMinutes).toBe(15);
		expect(byKey('abandoned')).toMatchObject({ system: true, countsAttempt: false, final: false });
	});

	it('refuse a system disposition, a missing note, or a completion with questions unanswered', () => {
		expect(dispositionProblem(byKey('abandoned'), null, null)).toBe('invalid');
		expect(dispositionProblem(byKey('supervisor_review'), null, null)).toBe('note_required');
		expect(dispositionProblem(byKey('supervisor_review'), null, '请主管复核')).toBeNull();
		expect(dispositionProblem(byKey('completed'), 'required_missing', null)).toBe('required_missing');
	});

	it('read the admin form', () => {
		const form = dispositionFormSchema.safeParse({
			key: 'moved_away', labelZh: '已搬走', labelEn: 'Moved away', aaporGroup: 'NE', aaporCode: '4.10',
			final: 'on', contacted: '', countsAttempt: 'on', setsDnc: '', noteRequired: '', retryMinutes: '', effect: 'none', sort: '95'
		});
		expect(form.success && form.data).toMatchObject({ final: true, contacted: false, retryMinutes: null, sort: 95 });
		expect(dispositionFormSchema.safeParse({ key: 'X y' }).success).toBe(false);
	});
});

describe('the retry policy', () => {
	it('closes final dispositions with their status', () => {
		expect(settle(byKey('completed'), tally(1), DEFAULT_POLICY, ctx())).toEqual({ final: true, status: 'responded', disposition: 'completed', contacted: true });
		expect(settle(byKey('refused'), tally(1), DEFAULT_POLICY, ctx())).toMatchObject({ final: true, status: 'refused' });
		expect(settle(byKey('wrong_number'), tally(1), DEFAULT_POLICY, ctx())).toMatchObject({ final: true, status: 'invalid_number' });
		expect(settle(byKey('fax_line'), tally(1), DEFAULT_POLICY, ctx())).toMatchObject({ final: true, status: 'invalid_number' });
	});

	it('retries busy after 15 minutes and no answer after 3 hours, inside the calling hours', () => {
		const busy = settle(byKey('busy'), tally(1), DEFAULT_POLICY, ctx());
		expect(busy).toMatchObject({ final: false });
		expect(!busy.final && busy.next.toISOString()).toBe('2026-06-01T02:15:00.000Z');
		// 10:00 + 3 h = 13:00 falls in the lunch gap: the next window opens at 13:30.
		const noAnswer = settle(byKey('no_answer'), tally(1), DEFAULT_POLICY, ctx());
		expect(!noAnswer.final && noAnswer.next.toISOString()).toBe('2026-06-01T05:30:00.000Z');
	});

	it('gives up at the attempt limit, keeping the last disposition as the final one', () => {
		expect(settle(byKey('no_answer'), tally(3), DEFAULT_POLICY, ctx())).toEqual({ final: true, status: 'unreachable', disposition: 'no_answer', contacted: false });
	});

	it('moves a retry to the next daypart of a later day once the daily cap is reached', () => {
		const s = settle(byKey('busy'), tally(1, { attemptsToday: 2 }), DEFAULT_POLICY, ctx());
		expect(!s.final && todayIn(SH, s.next)).toBe('2026-06-02');
		expect(!s.final && daypartOf(s.next, SH)).toBe('afternoon');
	});

	it('books the appointment the customer asked for, until the deferrals run out', () => {
		const start = zonedInstant('2026-06-02', '15:00', SH);
		expect(settle(byKey('call_back_later'), tally(0, { deferrals: 1 }), DEFAULT_POLICY, ctx({ appointmentStart: start }))).toEqual({ final: false, next: start, contacted: true });
		expect(settle(byKey('call_back_later'), tally(0, { deferrals: 4 }), DEFAULT_POLICY, ctx({ appointmentStart: start }))).toMatchObject({ final: true, disposition: 'call_back_later' });
	});

	const policy = fc.record<RetryPolicy>({
		maxAttempts: fc.integer({ min: 1, max: 8 }),
		maxDeferrals: fc.integer({ min: 0, max: 4 }),
		dailyAttemptCap: fc.integer({ min: 1, max: 4 }),
		voicemailCap: fc.integer({ min: 0, max: 3 }),
		rotateDayparts: fc.boolean()
	});
	const agentDispositions = SEED_DISPOSITIONS.filter((d) => !d.system);

	it('ends any sequence of dispositions within the policy, and never retries outside a calling window', () => {
		fc.assert(
			fc.property(
				policy,
				fc.array(fc.constantFrom(...agentDispositions), { minLength: 1, maxLength: 60 }),
				fc.constantFrom(...ZONES),
				fc.integer({ min: 0, max: 400 * 24 * 60 }),
				(p, sequence, zone, startMinute) => {
					let now = new Date(Date.UTC(2026, 0, 1) + startMinute * 60_000);
					const t = { attempts: 0, attemptsToday: 0, deferrals: 0, voicemails: 0 };
					let day = todayIn(zone, now);
					let ended = false;
					for (const d of sequence as Disposition[]) {
						if (todayIn(zone, now) !== day) {
							day = todayIn(zone, now);
							t.attemptsToday = 0;
						}
						if (d.countsAttempt) {
							t.attempts++;
							t.attemptsToday++;
						}
						if (d.effect === 'appointment') t.deferrals++;
						const s = settle(d, t, p, { now, timeZone: zone, hours: TYPICAL_CALLING_HOURS, appointmentStart: null });
						if (s.final) {
							ended = true;
							break;
						}
						expect(s.next.getTime()).toBeGreaterThan(now.getTime() - 1);
						expect(isCallable(s.next, zone, TYPICAL_CALLING_HOURS)).toBe(true);
						now = s.next;
					}
					// Never more attempts than allowed, never more deferrals than allowed + the closing one.
					expect(t.attempts <= p.maxAttempts || ended).toBe(true);
					expect(t.deferrals <= p.maxDeferrals + 1).toBe(true);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('calling hours', () => {
	const night: CallingHours = { windows: [{ weekday: 5, from: '22:00', to: '02:00' }], blackouts: [] };

	it('let a new installation call at any hour, and read "00:00-24:00" as the whole day', () => {
		fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.constantFrom(...ZONES), (s, zone) => isCallable(new Date(Date.UTC(2025, 0, 1) + s * 1000), zone, ALL_DAY)));
		expect(windowsFromText('00:00-24:00', 3)).toEqual([{ weekday: 3, from: '00:00', to: '00:00' }]);
		expect(windowsToText(ALL_DAY, 3)).toBe('00:00-24:00');
		expect(windowsFromText('09:00-12:00，13:30-20:00', 1)).toEqual([
			{ weekday: 1, from: '09:00', to: '12:00' },
			{ weekday: 1, from: '13:30', to: '20:00' }
		]);
		expect(windowsFromText('9-12', 1)).toBeNull();
		const form = callingHoursFormSchema.safeParse({ d1: '09:00-12:00', d2: 'soon', blackouts: '2026-10-01 2026-13-01' });
		expect(form.success).toBe(false);
		expect(form.error?.issues.map((i) => i.message).sort()).toEqual(['floor_blackout_format', 'floor_window_format']);
	});

	it('know weekdays', () => {
		expect(weekdayOf('2026-06-01')).toBe(1);
		expect(weekdayOf('2026-06-07')).toBe(0);
	});

	it('run a window across midnight into the next day', () => {
		// Friday 2026-06-05 22:00 – Saturday 02:00 in Shanghai.
		expect(isCallable(zonedInstant('2026-06-05', '23:30', SH), SH, night)).toBe(true);
		expect(isCallable(zonedInstant('2026-06-06', '01:59', SH), SH, night)).toBe(true);
		expect(isCallable(zonedInstant('2026-06-06', '02:00', SH), SH, night)).toBe(false);
		expect(isCallable(zonedInstant('2026-06-05', '21:59', SH), SH, night)).toBe(false);
		expect(nextCallable(zonedInstant('2026-06-06', '03:00', SH), SH, night)!.toISOString()).toBe(zonedInstant('2026-06-12', '22:00', SH).toISOString());
		// A blackout on the Friday closes the whole window, after midnight too.
		const dark = { ...night, blackouts: ['2026-06-05'] };
		expect(isCallable(zonedInstant('2026-06-06', '01:00', SH), SH, dark)).toBe(false);
	});

	it('follow the wall clock through daylight-saving changes', () => {
		// New York springs forward on 2026-03-08 (a Sunday) and falls back on 2026-11-01.
		const sunday: CallingHours = { windows: [{ weekday: 0, from: '09:00', to: '17:00' }, { weekday: 1, from: '09:00', to: '17:00' }], blackouts: [] };
		const beforeSpring = nextCallable(new Date('2026-03-08T05:00:00Z'), NY, sunday)!;
		expect(timeIn(NY, beforeSpring)).toBe('09:00');
		expect(beforeSpring.toISOString()).toBe('2026-03-08T13:00:00.000Z');
		const afterFall = nextCallable(new Date('2026-11-01T04:00:00Z'), NY, sunday)!;
		expect(timeIn(NY, afterFall)).toBe('09:00');
		expect(afterFall.toISOString()).toBe('2026-11-01T14:00:00.000Z');
	});

	it('always find an instant inside a window, in any zone', () => {
		fc.assert(
			fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 800 * 24 * 60 }), (zone, minute) => {
				const at = new Date(Date.UTC(2025, 6, 1) + minute * 60_000);
				const next = nextCallable(at, zone, TYPICAL_CALLING_HOURS)!;
				expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
				expect(isCallable(next, zone, TYPICAL_CALLING_HOURS)).toBe(true);
				if (isCallable(at, zone, TYPICAL_CALLING_HOURS)) expect(next.getTime()).toBe(at.getTime());
			}),
			{ numRuns: 500 }
		);
	});
});

describe('booking a call-back window', () => {
	const form = (over: Record<string, string>) =>
		endingSchema.parse({ outcome: 'call_back_later', note: '', appointmentDate: '', appointmentTime: '', appointmentMinutes: '30', ...over });

	it('reads the date and time on the customer clock, 30 minutes by default', () => {
		const a = toAppointment(form({ appointmentDate: '2026-06-02', appointmentTime: '15:00' }), NY, '2026-06-01', '10:00')!;
		expect(a.startsAt.toISOString()).toBe('2026-06-02T19:00:00.000Z');
		expect(a.endsAt.getTime() - a.startsAt.getTime()).toBe(30 * 60_000);
	});

	it('falls back on the note, read in the customer zone', () => {
		const a = toAppointment(form({ note: '明天下午3点' }), SH, '2026-06-01', '10:00')!;
		expect(a.startsAt.toISOString()).toBe('2026-06-02T07:00:00.000Z');
		expect(toAppointment(form({ note: '客户很忙' }), SH, '2026-06-01', '10:00')).toBeNull();
	});

	it('refuses an impossible date', () => {
		expect(endingSchema.safeParse({ outcome: 'call_back_later', note: '', appointmentDate: '2026-02-30', withMeOnly: '' }).success).toBe(false);
	});
});
