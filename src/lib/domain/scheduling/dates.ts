/** Calendar dates as 'YYYY-MM-DD' strings; arithmetic in UTC so no time zone shifts a day. */
const DAY_MS = 86_400_000;

export function toDayNumber(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Math.floor(Date.UTC(y!, m! - 1, d!) / DAY_MS);
}

export function fromDayNumber(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
	return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(a: string, b: string): number {
	return toDayNumber(b) - toDayNumber(a);
}

/** Today's calendar date in a time zone (the app's APP_TIMEZONE). */
export function todayIn(timeZone: string, now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
