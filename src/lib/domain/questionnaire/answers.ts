import { MAX_TEXT, scaleOf, type Definition, type Question } from './definition';

/** One answer, in the shape of the typed answer columns: exactly one value is set. */
export interface AnswerValue {
	questionId: string;
	yesNo: boolean | null;
	number: number | null;
	text: string | null;
}

export type AnswerError = 'required' | 'invalid' | 'too_long';

/** Form field name of a question on the respondent page. */
export const fieldName = (questionId: string) => `q_${questionId}`;

/**
 * Reads one raw answer. Empty input is `null` (unanswered); anything that is not
 * a valid value for the question is an error, never silently coerced.
 */
export function parseAnswer(
	question: Question,
	raw: string | undefined
): { value: AnswerValue | null } | { error: AnswerError } {
	const input = (raw ?? '').trim();
	if (input === '') return { value: null };
	const empty = { questionId: question.id, yesNo: null, number: null, text: null };
	switch (question.kind) {
		case 'key':
			if (input !== 'yes' && input !== 'no') return { error: 'invalid' };
			return { value: { ...empty, yesNo: input === 'yes' } };
		case 'rating':
		case 'nps': {
			const { min, max } = scaleOf(question.kind);
			if (!/^\d{1,2}$/.test(input)) return { error: 'invalid' };
			const n = Number(input);
			if (n < min || n > max) return { error: 'invalid' };
			return { value: { ...empty, number: n } };
		}
		case 'text':
			if (input.length > MAX_TEXT) return { error: 'too_long' };
			return { value: { ...empty, text: input } };
	}
}

export type ParsedAnswers =
	| { ok: true; answers: AnswerValue[] }
	| { ok: false; errors: Record<string, AnswerError>; unknownFields: string[] };

/**
 * Validates a whole submission against a version: every required question
 * answered, every value valid, and no answer to a question the version lacks.
 */
export function parseSubmission(
	definition: Definition,
	fields: Record<string, string>
): ParsedAnswers {
	const known = new Set(definition.questions.map((q) => fieldName(q.id)));
	const unknownFields = Object.keys(fields).filter((k) => k.startsWith('q_') && !known.has(k));
	const errors: Record<string, AnswerError> = {};
	const answers: AnswerValue[] = [];
	for (const question of definition.questions) {
		const parsed = parseAnswer(question, fields[fieldName(question.id)]);
		if ('error' in parsed) errors[question.id] = parsed.error;
		else if (parsed.value) answers.push(parsed.value);
		else if (question.required) errors[question.id] = 'required';
	}
	if (unknownFields.length > 0 || Object.keys(errors).length > 0) {
		return { ok: false, errors, unknownFields };
	}
	return { ok: true, answers };
}

/** The raw form value that shows an answer again (to refill a form). */
export function answerToRaw(answer: AnswerValue): string {
	if (answer.yesNo !== null) return answer.yesNo ? 'yes' : 'no';
	if (answer.number !== null) return String(answer.number);
	return answer.text ?? '';
}
