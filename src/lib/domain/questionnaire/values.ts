/** The value an "other, please specify" choice posts; no option may use it as its id. */
export const OTHER = 'other';

/** The inclusive numeric range of a scale question. */
export function scaleOf(kind: 'rating' | 'nps'): { min: number; max: number } {
	return kind === 'rating' ? { min: 1, max: 5 } : { min: 0, max: 10 };
}

/** Every value a scale question offers, lowest first, as both channels list them. */
export function scaleValues(kind: 'rating' | 'nps'): number[] {
	const { min, max } = scaleOf(kind);
	return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The shape of a question that rules need: its kind and, for choices, its options. */
export interface RuleSubject {
	id: string;
	kind: string;
	options?: { id: string }[];
	allowOther?: boolean;
	showIf?: { question: string; anyOf: string[] };
	endIf?: string[];
}

/** The answer values a rule may compare a question's answer with; empty for questions that cannot steer logic. */
export function ruleValuesOf(q: RuleSubject): string[] {
	switch (q.kind) {
		case 'key':
			return ['yes', 'no'];
		case 'rating':
		case 'nps':
			return scaleValues(q.kind).map(String);
		case 'single':
		case 'multiple':
			return [...(q.options ?? []).map((o) => o.id), ...(q.allowOther ? [OTHER] : [])];
		default:
			return [];
	}
}
