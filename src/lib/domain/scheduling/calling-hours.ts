import { z } from 'zod';
import { addDays, toDayNumber, todayIn, timeIn, zonedInstant } from './dates';

/**
 * When a customer may be called, on their own clock: windows per weekday (0 =
 * Sunday … 6 = Saturday, several a day), each from 'HH:MM' to 'HH:MM'; a window
 * whose end is not after its start runs past midnight into the next day (one that
 * ends where it starts lasts 24 hours). Blackout
 * dates (the customer's calendar) allow no call, including the part of a window
 * that began the evening before.
 */
export interface CallingWindow {
	weekday: number;
	from: string;
	to: string;
}
export interface CallingHours {
	windows: CallingWindow[];
	blackouts: string[];
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid');
export const callingWindowSchema = z.object({ weekday: z.coerce.number().int().min(0).max(6), from: hhmm, to: hhmm });

/** Any hour of any day: a new installation's default until an administrator sets real hours. */
export const ALL_DAY: CallingHours = { windows: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '00:00', to: '00:00' })), blackouts: [] };

/** A typical call centre's hours (weekdays 09:00–12:00 and 13:30–20:00, Saturdays 10:00–17:00): the demo uses them. */
export const TYPICAL_CALLING_HOURS: CallingHours = {
	windows: [
		...[1, 2, 3, 4, 5].flatMap((weekday) => [
			{ weekday, from: '09:00', to: '12:00' },
			{ weekday, from: '13:30', to: '20:00' }
		]),
		{ weekday: 6, from: '10:00', to: '17:00' }
	],
	blackouts: []
};

/** The weekday of a calendar date (0 = Sunday). 1970-01-01 was a Thursday. */
export const weekdayOf = (date: string): number => (((toDayNumber(date) + 4) % 7) + 7) % 7;

const crossesMidnight = (w: CallingWindow) => w.to <= w.from;

/** The instants a window covers when it opens on `date`. */
function span(w: CallingWindow, date: string, timeZone: string): [Date, Date] {
	const start = zonedInstant(date, w.from, timeZone);
	const end = zonedInstant(crossesMidnight(w) ? addDays(date, 1) : date, w.to, timeZone);
	return [start, end];
}

/** Whether a call at this instant falls inside the customer's calling hours. */
export function isCallable(at: Date, timeZone: string, hours: CallingHours): boolean {
	const today = todayIn(timeZone, at);
	for (const date of [addDays(today, -1), today]) {
		if (hours.blackouts.includes(date)) continue;
		for (const w of hours.windows) {
			if (w.weekday !== weekdayOf(date)) continue;
			const [start, end] = span(w, date, timeZone);
			if (start <= at && at < end) return true;
		}
	}
	return false;
}

/** The first instant at or after `at` inside the calling hours; null when none within `horizonDays`. */
export function nextCallable(at: Date, timeZone: string, hours: CallingHours, horizonDays = 21): Date | null {
	const today = todayIn(timeZone, at);
	let best: Date | null = null;
	for (let i = -1; i <= horizonDays && !best; i++) {
		const date = addDays(today, i);
		if (hours.blackouts.includes(date)) continue;
		for (const w of hours.windows) {
			if (w.weekday !== weekdayOf(date)) continue;
			const [start, end] = span(w, date, timeZone);
			if (end <= at || end <= start) continue;
			const candidate = start > at ? start : at;
			if (!best || candidate < best) best = candidate;
		}
	}
	return best;
}

/** Morning, afternoon or evening on the customer's clock: retries rotate through them. */
export const DAYPARTS = ['morning', 'afternoon', 'evening'] as const;
export type Daypart = (typeof DAYPARTS)[number];
const DAYPART_START: Record<Daypart, string> = { morning: '00:00', afternoon: '12:00', evening: '18:00' };

export function daypartOf(at: Date, timeZone: string): Daypart {
	const t = timeIn(timeZone, at);
	return t < '12:00' ? 'morning' : t < '18:00' ? 'afternoon' : 'evening';
}

/** The start of the daypart after this one, on the customer's calendar day `date`. */
export function nextDaypartStart(after: Daypart, date: string, timeZone: string): Date {
	const next = DAYPARTS[(DAYPARTS.indexOf(after) + 1) % DAYPARTS.length]!;
	return zonedInstant(date, DAYPART_START[next], timeZone);
}

/** Whether the name is an IANA time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

/** One weekday's windows as an agent types them: "09:00-12:00, 13:30-20:00" (empty: no calls that day). */
export function windowsToText(hours: CallingHours, weekday: number): string {
	return hours.windows
		.filter((w) => w.weekday === weekday)
		.map((w) => `${w.from}-${w.to === '00:00' ? '24:00' : w.to}`)
		.join(', ');
}

const WINDOW_TEXT = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–~]\s*([01]\d|2[0-3]|24):([0-5]\d)$/;

/** Reads one weekday's windows ("24:00" ends at midnight); null when a part is not "HH:MM-HH:MM". */
export function windowsFromText(text: string, weekday: number): CallingWindow[] | null {
	const parts = text
		.split(/[,，;；\n]/)
		.map((p) => p.trim())
		.filter(Boolean);
	const windows: CallingWindow[] = [];
	for (const part of parts) {
		const m = WINDOW_TEXT.exec(part);
		if (!m) return null;
		if (m[3] === '24' && m[4] !== '00') return null;
		const from = `${m[1]}:${m[2]}`;
		const to = m[3] === '24' ? '00:00' : `${m[3]}:${m[4]}`;
		windows.push({ weekday, from, to });
	}
	return windows;
}

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** The calling-hours form: one text field per weekday (d0 = Sunday … d6) and blackout dates. */
export const callingHoursFormSchema = z
	.object({
		d0: z.string().default(''),
		d1: z.string().default(''),
		d2: z.string().default(''),
		d3: z.string().default(''),
		d4: z.string().default(''),
		d5: z.string().default(''),
		d6: z.string().default(''),
		blackouts: z.string().max(5000, 'too_long').default('')
	})
	.superRefine((f, ctx) => {
		for (let d = 0; d < 7; d++) {
			const key = `d${d}` as `d${0 | 1 | 2 | 3 | 4 | 5 | 6}`;
			if (windowsFromText(f[key], d) === null) ctx.addIssue({ code: 'custom', path: [key], message: 'floor_window_format' });
		}
		for (const day of f.blackouts.split(/[\s,，]+/).filter(Boolean)) {
			if (!isDate(day)) ctx.addIssue({ code: 'custom', path: ['blackouts'], message: 'floor_blackout_format' });
		}
	})
	.transform(
		(f): CallingHours => ({
			windows: [0, 1, 2, 3, 4, 5, 6].flatMap((d) => windowsFromText(f[`d${d}` as 'd0'], d) ?? []),
			blackouts: [...new Set(f.blackouts.split(/[\s,，]+/).filter(Boolean))].sort()
		})
	);
