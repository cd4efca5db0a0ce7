import type { Definition } from '../questionnaire/definition';
import { OTHER } from '../questionnaire/definition';
import { localize, type Locale } from '../locale';
import type { AnswerValue } from '../questionnaire/answers';

/**
 * The export's columns and codes, the same for every version of a questionnaire:
 * question columns in order of first appearance (version 1 first), option codes
 * 1, 2, 3 … in order of first appearance, so adding a version never renumbers.
 * Yes = 1, no = 0; ratings and NPS are their numbers; "other" is 99 with its text
 * in `<id>_other`; a multiple choice gets a 0/1 column per option (`<id>__<option>`).
 */
export const OTHER_CODE = 99;
export const YES_NO_CODES = [
	{ code: 1, value: 'yes' },
	{ code: 0, value: 'no' }
] as const;

export interface CodebookColumn {
	name: string;
	questionId: string;
	kind: string;
	label: string;
	codes: { code: number; label: string }[];
	/** How the cell is read from the answer. */
	read: (a: AnswerValue | undefined) => number | string | null;
}

interface Versioned {
	number: number;
	definition: Definition;
}

export function buildCodebook(versions: Versioned[], locale: Locale, labels: { yes: string; no: string; other: string }): CodebookColumn[] {
	const ordered = [...versions].sort((a, b) => a.number - b.number);
	// The latest wording labels a question; codes come from every version.
	const latest = new Map(ordered.flatMap((v) => v.definition.questions.map((q) => [q.id, q] as const)));
	const optionCodes = new Map<string, Map<string, { code: number; label: string }>>();
	const questionOrder: string[] = [];
	for (const v of ordered) {
		for (const q of v.definition.questions) {
			if (q.kind === 'section') continue;
			if (!questionOrder.includes(q.id)) questionOrder.push(q.id);
			if (q.kind === 'single' || q.kind === 'multiple') {
				const codes = optionCodes.get(q.id) ?? new Map();
				for (const o of q.options) if (!codes.has(o.id)) codes.set(o.id, { code: codes.size + 1, label: localize(o.text, locale) });
				optionCodes.set(q.id, codes);
			}
		}
	}
	// Labels follow the latest version that has the option.
	for (const v of ordered)
		for (const q of v.definition.questions)
			if (q.kind === 'single' || q.kind === 'multiple') for (const o of q.options) optionCodes.get(q.id)!.get(o.id)!.label = localize(o.text, locale);

	return questionOrder.flatMap((id): CodebookColumn[] => {
		const q = latest.get(id)!;
		const label = localize(q.text, locale);
		const allowsOther = ordered.some((v) => v.definition.questions.some((x) => x.id === id && (x.kind === 'single' || x.kind === 'multiple') && x.allowOther));
		const otherColumn: CodebookColumn[] = allowsOther
			? [{ name: `${id}_other`, questionId: id, kind: 'text', label: `${label} (${labels.other})`, codes: [], read: (a) => (a?.choices?.includes(OTHER) ? (a.text ?? '') : null) }]
			: [];
		switch (q.kind) {
			case 'key':
				return [{ name: id, questionId: id, kind: q.kind, label, codes: [{ code: 1, label: labels.yes }, { code: 0, label: labels.no }], read: (a) => (a?.yesNo === null || a?.yesNo === undefined ? null : a.yesNo ? 1 : 0) }];
			case 'rating':
			case 'nps':
				return [{ name: id, questionId: id, kind: q.kind, label, codes: [], read: (a) => a?.number ?? null }];
			case 'text':
				return [{ name: id, questionId: id, kind: q.kind, label, codes: [], read: (a) => a?.text ?? null }];
			case 'single': {
				const codes = optionCodes.get(id)!;
				const list = [...codes.values(), ...(allowsOther ? [{ code: OTHER_CODE, label: labels.other }] : [])];
				const read = (a: AnswerValue | undefined) => {
					const chosen = a?.choices?.[0];
					if (!chosen) return null;
					return chosen === OTHER ? OTHER_CODE : (codes.get(chosen)?.code ?? null);
				};
				return [{ name: id, questionId: id, kind: q.kind, label, codes: list, read }, ...otherColumn];
			}
			case 'multiple': {
				const codes = [...optionCodes.get(id)!.entries(), ...(allowsOther ? [[OTHER, { code: OTHER_CODE, label: labels.other }] as const] : [])];
				return [
					...codes.map(([optionId, o]) => ({
						name: `${id}__${optionId}`,
						questionId: id,
						kind: 'multiple',
						label: `${label}: ${o.label}`,
						codes: [{ code: 1, label: labels.yes }, { code: 0, label: labels.no }],
						read: (a: AnswerValue | undefined) => (a?.choices ? (a.choices.includes(optionId) ? 1 : 0) : null)
					})),
					...otherColumn
				];
			}
			default:
				return [];
		}
	});
}
