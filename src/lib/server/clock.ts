import { readFileSync } from 'node:fs';

/**
 * The server's notion of now. Every time-dependent rule takes its time from here
 * (or from a parameter), so that tests move time instead of waiting.
 *
 * Browser tests of the built app need to move time too: when HUIFANG_CLOCK_FILE is
 * set at start-up, the file holds an offset in milliseconds that is added to the
 * real time (a missing or empty file means no offset). Without the variable the
 * file is never read.
 */
const clockFile = process.env.HUIFANG_CLOCK_FILE;

function offsetMs(): number {
	if (!clockFile) return 0;
	try {
		const offset = Number(readFileSync(clockFile, 'utf8').trim() || 0);
		return Number.isFinite(offset) ? offset : 0;
	} catch {
		return 0;
	}
}

export function now(): Date {
	return new Date(Date.now() + offsetMs());
}
