import type { ChurnCause } from '../questionnaire/definition';

export interface ParetoBar {
	cause: ChurnCause;
	noCount: number;
	share: number;
	/** Share of all "no" answers of this cause and every larger one, 0–1. */
	cumulative: number;
}

/** Causes sorted by their "no" count (largest first, ties in the given order), with the cumulative share line. */
export function pareto(noCounts: Partial<Record<ChurnCause, number>>, order: readonly ChurnCause[]): ParetoBar[] {
	const total = order.reduce((s, c) => s + (noCounts[c] ?? 0), 0);
	let running = 0;
	return order
		.map((cause, i) => ({ cause, i, noCount: noCounts[cause] ?? 0 }))
		.sort((a, b) => b.noCount - a.noCount || a.i - b.i)
		.map(({ cause, noCount }) => {
			running += noCount;
			return { cause, noCount, share: total > 0 ? noCount / total : 0, cumulative: total > 0 ? running / total : 0 };
		});
}
