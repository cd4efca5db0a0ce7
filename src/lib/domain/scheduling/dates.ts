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

/** Formatters are costly to build and the scheduling rules ask for the same few zones over and over. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'date' | 'time' | 'parts', timeZone: string): Intl.DateTimeFormat {
	const key = `${kind} ${timeZone}`;
	let f = formatters.get(key);
	if (!f) {
		f =
			kind === 'date'
				? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
				: kind === 'time'
					? new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
					: new Intl.DateTimeFormat('en-US', {
							timeZone,
							hourCycle: 'h23',
							year: 'numeric',
							month: '2-digit',
							day: '2-digit',
							hour: '2-digit',
							minute: '2-digit',
							second: '2-digit'
						});
		formatters.set(key, f);
	}
	return f;
}

/** Today's calendar date in a time zone (the app's APP_TIMEZONE). */
export function todayIn(timeZone: string, now = new Date()): string {
	return formatter('date', timeZone).format(now);
}

/** The wall-clock time 'HH:MM' in a time zone. */
export function timeIn(timeZone: string, now = new Date()): string {
	return formatter('time', timeZone).format(now);
}

/** How far a zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffset(timeZone: string, at: number): number {
	const parts = Object.fromEntries(
		formatter('parts', timeZone)
			.formatToParts(new Date(at))
			.map((p) => [p.type, p.value])
	);
	const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
	return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a zone's clock shows `date` 'YYYY-MM-DD' at `time` 'HH:MM'. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
	const [h, min] = time.split(':').map(Number);
	const wall = toDayNumber(date) * DAY_MS + (h! * 60 + min!) * 60_000;
	let at = wall - zoneOffset(timeZone, wall);
	// Once more, for a wall time on the other side of a daylight-saving change from its first guess.
	at = wall - zoneOffset(timeZone, at);
	return new Date(at);
}
