import { todayIn, zonedInstant, addDays } from '../scheduling/dates';

/** Deadlines of a cause: hours to the first action and to resolution. */
export interface Sla {
	firstActionHours: number;
	resolveHours: number;
}

export const DEFAULT_SLA: Sla = { firstActionHours: 24, resolveHours: 72 };
/** Top-tier customers get deadlines this much shorter (0.5: half the hours). */
export const DEFAULT_TOP_TIER_FACTOR = 0.5;
export const DEFAULT_TOP_TIERS: readonly string[] = ['A'];

const HOUR = 3_600_000;

function weekday(at: Date, timeZone: string): number {
	const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(at);
	return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(name);
}

const isWeekend = (at: Date, timeZone: string) => {
	const d = weekday(at, timeZone);
	return d === 0 || d === 6;
};

/** The next local midnight after `at` in the zone. */
function nextMidnight(at: Date, timeZone: string): Date {
	return zonedInstant(addDays(todayIn(timeZone, at), 1), '00:00', timeZone);
}

/**
 * `hours` of the clock counted from `from`, skipping Saturdays and Sundays of the
 * zone (the team does not work them): a case opened on Friday evening with 24 hours
 * is due on Monday evening, local time.
 */
export function addWorkingHours(from: Date, hours: number, timeZone: string): Date {
	let at = from;
	let left = hours * HOUR;
	while (left > 0) {
		const midnight = nextMidnight(at, timeZone);
		if (isWeekend(at, timeZone)) {
			at = midnight;
			continue;
		}
		const run = midnight.getTime() - at.getTime();
		if (left <= run) return new Date(at.getTime() + left);
		left -= run;
		at = midnight;
	}
	return at;
}

export function tierFactor(tier: string | null, topTiers: readonly string[], factor: number): number {
	return tier !== null && topTiers.includes(tier) ? factor : 1;
}

/** When the first action and the resolution are due for a case opened at `openedAt`. */
export function caseDeadlines(
	openedAt: Date,
	sla: Sla,
	opts: { tier: string | null; topTiers: readonly string[]; factor: number; timeZone: string }
): { firstActionDue: Date; resolveDue: Date } {
	const f = tierFactor(opts.tier, opts.topTiers, opts.factor);
	return {
		firstActionDue: addWorkingHours(openedAt, sla.firstActionHours * f, opts.timeZone),
		resolveDue: addWorkingHours(openedAt, sla.resolveHours * f, opts.timeZone)
	};
}

/** Round-robin: the member who was given a case longest ago (never first; ties by id). */
export function nextAssignee(members: readonly { userId: string; lastAssignedAt: Date | null }[]): string | null {
	const sorted = [...members].sort((a, b) => {
		const ta = a.lastAssignedAt?.getTime() ?? -Infinity;
		const tb = b.lastAssignedAt?.getTime() ?? -Infinity;
		return ta === tb ? a.userId.localeCompare(b.userId) : ta - tb;
	});
	return sorted[0]?.userId ?? null;
}
