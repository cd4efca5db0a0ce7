import { addDays, timeIn, todayIn, zonedInstant } from '../scheduling/dates';

/** Quiet hours, local to the customer: 'HH:MM' from `start` until `end` (across midnight when start > end). */
export interface QuietHours {
	start: string;
	end: string;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function inQuietHours(q: QuietHours, timeZone: string, now: Date): boolean {
	const s = minutes(q.start);
	const e = minutes(q.end);
	if (s === e) return false;
	const t = minutes(timeIn(timeZone, now));
	return s < e ? t >= s && t < e : t >= s || t < e;
}

/**
 * When a message may go: now, or the end of the quiet hours on the customer's
 * clock (today's end when it is past midnight there, else tomorrow's).
 */
export function earliestSend(q: QuietHours, timeZone: string, now: Date): Date {
	if (!inQuietHours(q, timeZone, now)) return now;
	const today = todayIn(timeZone, now);
	const endToday = zonedInstant(today, q.end, timeZone);
	return endToday > now ? endToday : zonedInstant(addDays(today, 1), q.end, timeZone);
}

/** Attempts before a message is failed for good. */
export const MAX_ATTEMPTS = 5;
const BACKOFF_MINUTES = [1, 5, 30, 120];

/** After the n-th failed attempt (1-based): when to try again, or null when it is failed for good. */
export function retryAt(attempts: number, now: Date): Date | null {
	if (attempts >= MAX_ATTEMPTS) return null;
	const wait = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1]!;
	return new Date(now.getTime() + wait * 60_000);
}

/** How many more messages of a channel may go now under a per-minute limit. */
export function sendBudget(perMinute: number, sentInLastMinute: number, inFlight: number): number {
	return Math.max(0, perMinute - sentInLastMinute - inFlight);
}
