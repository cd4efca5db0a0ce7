/** Deliveries are retried for this long after the first attempt, then given up. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 4 * 60 * 60 * 1000;

/**
 * When to try again after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, …
 * doubling up to 4 h between attempts; null once the next try would fall outside
 * 24 hours from the first one.
 */
export function nextAttemptAt(attempts: number, firstAttemptAt: Date, now: Date): Date | null {
	const delay = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
	const next = new Date(now.getTime() + delay);
	return next.getTime() - firstAttemptAt.getTime() > RETRY_WINDOW_MS ? null : next;
}
