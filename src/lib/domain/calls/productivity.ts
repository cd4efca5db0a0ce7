import { z } from 'zod';
import { addDays, daysBetween } from '../scheduling/dates';

/** Calls of one agent in one hour of one day (the call centre's calendar), as the database sums them. */
export interface Bucket {
	agentId: string;
	day: string;
	hour: number;
	calls: number;
	contacts: number;
	completes: number;
	refusals: number;
	handleSeconds: number;
	firstStart: number;
	lastEnd: number;
}

export interface Figures {
	calls: number;
	contacts: number;
	completes: number;
	refusals: number;
	/** Hours on duty: per agent and day, from the first call's start to the last call's end. */
	dutyHours: number;
	completesPerHour: number;
	callsPerHour: number;
	/** Average handle time in seconds (from claiming a call to recording its outcome). */
	averageHandleSeconds: number;
}

const figures = (buckets: Bucket[]): Figures => {
	const sum = (k: 'calls' | 'contacts' | 'completes' | 'refusals' | 'handleSeconds') => buckets.reduce((n, b) => n + b[k], 0);
	// Duty is counted per agent and day, so two agents working side by side add up.
	const shifts = new Map<string, { start: number; end: number }>();
	for (const b of buckets) {
		const key = `${b.agentId} ${b.day}`;
		const s = shifts.get(key);
		shifts.set(key, s ? { start: Math.min(s.start, b.firstStart), end: Math.max(s.end, b.lastEnd) } : { start: b.firstStart, end: b.lastEnd });
	}
	const dutyHours = [...shifts.values()].reduce((n, s) => n + Math.max(0, s.end - s.start), 0) / 3_600_000;
	const calls = sum('calls');
	const completes = sum('completes');
	return {
		calls,
		contacts: sum('contacts'),
		completes,
		refusals: sum('refusals'),
		dutyHours,
		completesPerHour: dutyHours > 0 ? completes / dutyHours : 0,
		callsPerHour: dutyHours > 0 ? calls / dutyHours : 0,
		averageHandleSeconds: calls > 0 ? sum('handleSeconds') / calls : 0
	};
};

const groupBy = <K>(buckets: Bucket[], key: (b: Bucket) => K) => {
	const groups = new Map<K, Bucket[]>();
	for (const b of buckets) groups.set(key(b), [...(groups.get(key(b)) ?? []), b]);
	return groups;
};

export interface Productivity {
	total: Figures;
	agents: { agentId: string; figures: Figures }[];
	days: { agentId: string; day: string; figures: Figures }[];
	hours: { hour: number; figures: Figures }[];
}

/** Per agent, per agent and day, and per hour of day; the rows of each add up to the total. */
export function productivity(buckets: Bucket[]): Productivity {
	return {
		total: figures(buckets),
		agents: [...groupBy(buckets, (b) => b.agentId)].map(([agentId, bs]) => ({ agentId, figures: figures(bs) })),
		days: [...groupBy(buckets, (b) => `${b.agentId} ${b.day}`)]
			.map(([, bs]) => ({ agentId: bs[0]!.agentId, day: bs[0]!.day, figures: figures(bs) }))
			.sort((a, b) => b.day.localeCompare(a.day) || a.agentId.localeCompare(b.agentId)),
		hours: [...groupBy(buckets, (b) => b.hour)].map(([hour, bs]) => ({ hour, figures: figures(bs) })).sort((a, b) => a.hour - b.hour)
	};
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid');

/** The report's filters: a campaign (or all) and a date range of at most a year; by default the last 7 days. */
export function productivityQuery(params: Record<string, string>, today: string) {
	const schema = z.object({
		campaign: z.union([z.literal(''), z.uuid()]).optional().catch(undefined).transform((v) => v || null),
		from: date.optional().catch(undefined),
		to: date.optional().catch(undefined)
	});
	const q = schema.parse(params);
	let to = q.to ?? today;
	let from = q.from ?? addDays(to, -6);
	if (from > to) [from, to] = [to, from];
	if (daysBetween(from, to) > 366) from = addDays(to, -366);
	return { campaign: q.campaign, from, to };
}
