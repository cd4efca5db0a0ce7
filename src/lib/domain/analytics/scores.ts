import { CHURN_CAUSES, type ChurnCause } from '../questionnaire/definition';

/** Share of yes among yes/no answers, 0–1; null when nobody answered. */
export function yesRate(yes: number, total: number): number | null {
	return total > 0 ? yes / total : null;
}

/**
 * Net Promoter Score from 0–10 answers: % promoters (9–10) minus % detractors (0–6),
 * from -100 to 100; null without answers.
 */
export function nps(counts: { promoters: number; detractors: number; total: number }): number | null {
	if (counts.total <= 0) return null;
	return ((counts.promoters - counts.detractors) / counts.total) * 100;
}

/** NPS classes: 9–10 promote, 0–6 detract (the analytics SQL uses the same bounds). */
export const PROMOTER_MIN = 9;
export const DETRACTOR_MAX = 6;
export const isPromoter = (score: number) => score >= PROMOTER_MIN;
export const isDetractor = (score: number) => score <= DETRACTOR_MAX;

export interface CauseShare {
	cause: ChurnCause;
	noCount: number;
	/** Share of all "no" answers, 0–1. */
	share: number;
}

/** Splits the "no" answers on key questions by the churn cause each question reveals. */
export function churnShares(noCounts: Partial<Record<ChurnCause, number>>): CauseShare[] {
	const total = CHURN_CAUSES.reduce((sum, c) => sum + (noCounts[c] ?? 0), 0);
	return CHURN_CAUSES.map((cause) => {
		const noCount = noCounts[cause] ?? 0;
		return { cause, noCount, share: total > 0 ? noCount / total : 0 };
	});
}

/** Wilson score interval (95 %) for a proportion: honest error bars for small samples. */
export function wilsonInterval(successes: number, total: number, z = 1.96): [number, number] | null {
	if (total <= 0) return null;
	const p = successes / total;
	const z2 = z * z;
	const denom = 1 + z2 / total;
	const centre = (p + z2 / (2 * total)) / denom;
	const half = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denom;
	return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Rounds a 0–1 share to a whole percentage for display. */
export function percent(share: number | null): string {
	return share === null ? '—' : `${Math.round(share * 100)}%`;
}
