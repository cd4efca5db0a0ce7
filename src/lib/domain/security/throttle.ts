/**
 * How sign-in attempts slow down. A few free failures per (account, address), then
 * each further attempt must wait longer after the previous one (1 s, 2 s, 4 s … up to
 * 15 minutes): a guesser crawls, while the real user behind another address is never
 * locked out. One address (a call centre behind NAT) gets a much larger budget before
 * it slows down, and gently.
 */
export const WINDOW_MS = 15 * 60 * 1000;
export const PAIR_FREE_FAILURES = 5;
export const IP_FREE_FAILURES = 100;
const PAIR_MAX_DELAY_MS = WINDOW_MS;
const IP_MAX_DELAY_MS = 30 * 1000;

export interface AttemptHistory {
	/** Failures (including attempts still being checked) in the window. */
	failures: number;
	/** When the last attempt in the window was made, if any. */
	lastAttempt: Date | null;
}

/** The wait required after the previous attempt, given the failures before this one. */
export function pairDelayMs(failures: number): number {
	if (failures < PAIR_FREE_FAILURES) return 0;
	return Math.min(1000 * 2 ** (failures - PAIR_FREE_FAILURES), PAIR_MAX_DELAY_MS);
}

export function ipDelayMs(failures: number): number {
	if (failures < IP_FREE_FAILURES) return 0;
	return Math.min(1000 * Math.ceil((failures - IP_FREE_FAILURES + 1) / 10), IP_MAX_DELAY_MS);
}

/** Milliseconds to wait before this attempt may be checked; 0 lets it through. */
export function waitBeforeAttempt(pair: AttemptHistory, ip: AttemptHistory, now: Date): number {
	const wait = (history: AttemptHistory, delay: number) =>
		history.lastAttempt ? Math.max(0, history.lastAttempt.getTime() + delay - now.getTime()) : 0;
	return Math.max(wait(pair, pairDelayMs(pair.failures)), wait(ip, ipDelayMs(ip.failures)));
}
