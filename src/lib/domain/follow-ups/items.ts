import type { ChurnCause, Definition } from '../questionnaire/definition';
import type { AnswerValue } from '../questionnaire/answers';
import type { Localized } from '../locale';

/** Per questionnaire: whether answers open cases, and for what besides a "no". */
export interface CaseSettings {
	enabled: boolean;
	/** A satisfaction rating at or below this opens a case too (null: ratings never do). */
	ratingAtMost: number | null;
	/** NPS 0–6 opens a case too. */
	npsDetractors: boolean;
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = { enabled: true, ratingAtMost: null, npsDetractors: false };
export const NPS_DETRACTOR_MAX = 6;

export interface CaseItem {
	questionId: string;
	kind: 'key' | 'rating' | 'nps';
	cause: ChurnCause;
	questionText: Localized;
	preparedResponse: Localized | null;
	answerNumber: number | null;
	/** The customer's "why": an open question asked only after this "no". */
	whyText: string | null;
}

function whyFor(definition: Definition, questionId: string, answers: Map<string, AnswerValue>): string | null {
	for (const q of definition.questions) {
		if (q.kind !== 'text' || q.showIf?.question !== questionId) continue;
		const text = answers.get(q.id)?.text?.trim();
		if (text) return text;
	}
	return null;
}

/** The items a response's case holds, in question order; none means no case. */
export function caseItems(definition: Definition, answers: Map<string, AnswerValue>, settings: CaseSettings): CaseItem[] {
	if (!settings.enabled) return [];
	const items: CaseItem[] = [];
	for (const q of definition.questions) {
		const a = answers.get(q.id);
		if (!a) continue;
		if (q.kind === 'key' && a.yesNo === false) {
			items.push({
				questionId: q.id,
				kind: 'key',
				cause: q.cause,
				questionText: q.text,
				preparedResponse: q.preparedResponse,
				answerNumber: null,
				whyText: whyFor(definition, q.id, answers)
			});
		} else if (
			(q.kind === 'rating' && settings.ratingAtMost !== null && a.number !== null && a.number <= settings.ratingAtMost) ||
			(q.kind === 'nps' && settings.npsDetractors && a.number !== null && a.number <= NPS_DETRACTOR_MAX)
		) {
			items.push({
				questionId: q.id,
				kind: q.kind,
				cause: 'other',
				questionText: q.text,
				preparedResponse: null,
				answerNumber: a.number,
				whyText: whyFor(definition, q.id, answers)
			});
		}
	}
	return items;
}

/** The cause a case is routed by: its first key "no", else "other". */
export function routingCause(items: readonly CaseItem[]): ChurnCause {
	return items.find((i) => i.kind === 'key')?.cause ?? 'other';
}
