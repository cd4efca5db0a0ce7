import type { CaseState } from './states';

/** The same rule as the escalation query: a missed first action while open, or a missed resolution before "resolved". */
export function overdueNow(
	c: { state: CaseState; first_action_due: Date | string; resolve_due: Date | string },
	now: Date
): boolean {
	if ((c.state === 'open' || c.state === 'in_progress') && new Date(c.resolve_due) <= now) return true;
	return c.state === 'open' && new Date(c.first_action_due) <= now;
}
