import { z } from 'zod';
import type { Disposition } from '../calls/dispositions';
import type { CallbackStatus } from './call-queue';
import { daypartOf, nextCallable, nextDaypartStart, type CallingHours } from './calling-hours';
import { addDays, todayIn } from './dates';

/** How hard a campaign tries to reach each customer. */
export interface RetryPolicy {
	maxAttempts: number;
	maxDeferrals: number;
	/** Attempts per contact and calendar day (the customer's). */
	dailyAttemptCap: number;
	/** Messages left on voicemail; after that the script says not to leave one. */
	voicemailCap: number;
	/** Retries a day or more away move to the next daypart (morning → afternoon → evening). */
	rotateDayparts: boolean;
}

export const DEFAULT_POLICY: RetryPolicy = { maxAttempts: 3, maxDeferrals: 3, dailyAttemptCap: 2, voicemailCap: 1, rotateDayparts: true };

const count = (max: number) => z.coerce.number('invalid').int('invalid').min(0, 'invalid').max(max, 'invalid');
export const retryPolicySchema = z.object({
	maxAttempts: count(50).min(1, 'invalid'),
	maxDeferrals: count(20),
	dailyAttemptCap: count(20).min(1, 'invalid'),
	voicemailCap: count(20),
	rotateDayparts: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())
});

/** What the callback has been through, this attempt included. */
export interface CallbackTally {
	attempts: number;
	attemptsToday: number;
	deferrals: number;
	voicemails: number;
}

export type Settlement =
	| { final: true; status: CallbackStatus; disposition: string; contacted: boolean }
	| { final: false; next: Date; contacted: boolean };

/** The callback's status once a final disposition closes it. */
export function finalStatus(d: Disposition): CallbackStatus {
	if (d.effect === 'complete') return 'responded';
	if (d.effect === 'partial') return 'partial';
	if (d.effect === 'invalid_number') return 'invalid_number';
	if (d.aaporGroup === 'R') return 'refused';
	if (d.aaporGroup === 'NE') return 'cancelled';
	return 'unreachable';
}

const DAY_MINUTES = 24 * 60;

/**
 * Where a callback goes after an attempt ends with disposition `d`. Final
 * dispositions close it; an appointment (`appointmentStart`) brings it back at
 * the booked time until `maxDeferrals` is spent; other dispositions retry after
 * their delay, within the calling hours, until `maxAttempts` is spent; the daily
 * cap pushes a retry to a later day, and long delays rotate the daypart. A
 * callback that runs out of tries keeps the last disposition as its final one.
 */
export function settle(
	d: Disposition,
	tally: CallbackTally,
	policy: RetryPolicy,
	ctx: { now: Date; timeZone: string; hours: CallingHours; appointmentStart: Date | null }
): Settlement {
	const closed = (): Settlement => ({ final: true, status: d.final ? finalStatus(d) : 'unreachable', disposition: d.key, contacted: d.contacted });
	if (d.final) return closed();
	if (d.effect === 'appointment') {
		if (tally.deferrals > policy.maxDeferrals) return closed();
		const wanted = ctx.appointmentStart && ctx.appointmentStart > ctx.now ? ctx.appointmentStart : null;
		const next = wanted ?? retryAt(DAY_MINUTES, tally, policy, ctx);
		return next ? { final: false, next, contacted: d.contacted } : closed();
	}
	if (d.countsAttempt && tally.attempts >= policy.maxAttempts) return closed();
	const next = retryAt(d.retryMinutes ?? DAY_MINUTES, tally, policy, ctx);
	return next ? { final: false, next, contacted: d.contacted } : closed();
}

function retryAt(minutes: number, tally: CallbackTally, policy: RetryPolicy, ctx: { now: Date; timeZone: string; hours: CallingHours }): Date | null {
	let at = new Date(ctx.now.getTime() + minutes * 60_000);
	const today = todayIn(ctx.timeZone, ctx.now);
	const capped = tally.attemptsToday >= policy.dailyAttemptCap;
	if (policy.rotateDayparts && (minutes >= 12 * 60 || capped)) {
		// The next daypart on the day the delay ends, or the day after when that is already past.
		const day = capped && todayIn(ctx.timeZone, at) === today ? addDays(today, 1) : todayIn(ctx.timeZone, at);
		const part = daypartOf(ctx.now, ctx.timeZone);
		const rotated = nextDaypartStart(part, day, ctx.timeZone);
		at = rotated >= at ? rotated : nextDaypartStart(part, addDays(day, 1), ctx.timeZone);
	} else if (capped && todayIn(ctx.timeZone, at) === today) {
		at = nextDaypartStart('evening', addDays(today, 1), ctx.timeZone);
	}
	return nextCallable(at, ctx.timeZone, ctx.hours);
}
