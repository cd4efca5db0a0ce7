import { z } from 'zod';
import { addDays, daysBetween, todayIn } from '../scheduling/dates';

export const RANGE_PRESETS = ['all', '7d', '30d', '90d', 'month', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const STATUS_CHOICES = ['completed', 'partial', 'all'] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(d)));
const uuid = z.uuid();
/** An empty form field means "any". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** The analytics filters as they appear in the URL (a GET form), every field optional. */
export const filterParams = z.object({
	range: optional(z.enum(RANGE_PRESETS)).default('all'),
	from: optional(day),
	to: optional(day),
	status: optional(z.enum(STATUS_CHOICES)).default('completed'),
	channel: optional(z.enum(['web', 'phone'])),
	campaign: optional(uuid),
	version: optional(uuid),
	tier: optional(z.string().max(100)),
	industry: optional(z.string().max(100)),
	agent: optional(uuid),
	attr: optional(z.string().max(100)),
	attrValue: optional(z.string().max(200))
});
export type FilterParams = z.infer<typeof filterParams>;

/** What the queries filter on: calendar days inclusive, and slice values. */
export interface Filters {
	from: string | null;
	to: string | null;
	statuses: ('completed' | 'partial')[];
	channel?: 'web' | 'phone';
	campaign?: string;
	version?: string;
	tier?: string;
	industry?: string;
	agent?: string;
	attribute?: { key: string; value: string };
}

export type ParsedFilters = { ok: true; params: FilterParams; filters: Filters } | { ok: false; field: string };

/** Reads the filters from a URL's query; the first bad field is reported. */
export function parseFilters(query: URLSearchParams, today: string): ParsedFilters {
	const raw = Object.fromEntries([...filterParams.keyof().options].map((k) => [k, query.get(k)]));
	const parsed = filterParams.safeParse(raw);
	if (!parsed.success) return { ok: false, field: String(parsed.error.issues[0]?.path[0] ?? 'range') };
	const params = parsed.data;
	const range = dateRange(params, today);
	if (range.from && range.to && range.from > range.to) return { ok: false, field: 'to' };
	return {
		ok: true,
		params,
		filters: {
			...range,
			statuses: params.status === 'all' ? ['completed', 'partial'] : [params.status],
			channel: params.channel,
			campaign: params.campaign,
			version: params.version,
			tier: params.tier,
			industry: params.industry,
			agent: params.agent,
			attribute: params.attr && params.attrValue !== undefined ? { key: params.attr, value: params.attrValue } : undefined
		}
	};
}

/** The calendar days a preset covers, ending today (in the app's time zone). */
export function dateRange(p: Pick<FilterParams, 'range' | 'from' | 'to'>, today: string): { from: string | null; to: string | null } {
	// Dates typed without choosing "custom" still mean those dates.
	const range = p.range === 'all' && (p.from || p.to) ? 'custom' : p.range;
	switch (range) {
		case '7d':
			return { from: addDays(today, -6), to: today };
		case '30d':
			return { from: addDays(today, -29), to: today };
		case '90d':
			return { from: addDays(today, -89), to: today };
		case 'month':
			return { from: `${today.slice(0, 7)}-01`, to: today };
		case 'custom':
			return { from: p.from ?? null, to: p.to ?? null };
		default:
			return { from: null, to: null };
	}
}

/** The period of the same length just before a bounded range; null for open ranges. */
export function previousPeriod(f: Pick<Filters, 'from' | 'to'>): { from: string; to: string } | null {
	if (!f.from || !f.to) return null;
	const length = daysBetween(f.from, f.to) + 1;
	return { from: addDays(f.from, -length), to: addDays(f.from, -1) };
}

export const todayForAnalytics = (timeZone: string, now: Date) => todayIn(timeZone, now);

/** The query string of the filters as given (empty fields left out), for links that keep them. */
export function filterQuery(params: Partial<Record<keyof FilterParams, string | undefined>>): string {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
	return q.toString();
}
