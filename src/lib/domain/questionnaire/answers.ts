import { MAX_TEXT, OTHER, scaleOf, type Definition, type Question } from './definition';
import { visibleQuestions } from './logic';

/** One answer, in the shape of the typed answer columns; `text` may accompany `choices` ("other"). */
export interface AnswerValue {
	questionId: string;
	yesNo: boolean | null;
	number: number | null;
	choices: string[] | null;
	text: string | null;
}

export type AnswerError = 'required' | 'invalid' | 'too_long' | 'other_text_required';

/** Form field name of a question on the respondent page, and of its "other, please specify" text. */
export const fieldName = (questionId: string) => `q_${questionId}`;
// A hyphen never occurs in a question id, so "other" fields cannot collide with another question's field.
export const otherFieldName = (questionId: string) => `q_${questionId}-other`;

/** Every value of each form field: a multiple-choice question posts one per ticked box. */
export type RawFields = Record<string, string[]>;

const EMPTY = { yesNo: null, number: null, choices: null, text: null };

function parseChoices(question: Extract<Question, { kind: 'single' | 'multiple' }>, picked: string[], other: string) {
	const allowed = new Set([...question.options.map((o) => o.id), ...(question.allowOther ? [OTHER] : [])]);
	const unique = [...new Set(picked)];
	if (unique.some((v) => !allowed.has(v))) return { error: 'invalid' as const };
	if (question.kind === 'single' && unique.length > 1) return { error: 'invalid' as const };
	// Keep the questionnaire's order, whatever order the browser posted.
	const choices = [...allowed].filter((v) => unique.includes(v));
	if (!choices.includes(OTHER)) return { value: { ...EMPTY, questionId: question.id, choices } };
	if (other === '') return { error: 'other_text_required' as const };
	if (other.length > MAX_TEXT) return { error: 'too_long' as const };
	return { value: { ...EMPTY, questionId: question.id, choices, text: other } };
}

/**
 * Reads one raw answer. Empty input is `null` (unanswered); anything that is not
 * a valid value for the question is an error, never silently coerced.
 */
export function parseAnswer(
	question: Question,
	raw: string | readonly string[] | undefined,
	otherText = ''
): { value: AnswerValue | null } | { error: AnswerError } {
	const values = (typeof raw === 'string' ? [raw] : (raw ?? [])).map((v) => v.trim()).filter((v) => v !== '');
	if (values.length === 0 || question.kind === 'section') return { value: null };
	if (question.kind === 'single' || question.kind === 'multiple') return parseChoices(question, values, otherText.trim());
	if (values.length > 1) return { error: 'invalid' };
	const input = values[0]!;
	const empty = { ...EMPTY, questionId: question.id };
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

/** The form fields a version's respondent page may post for its questions. */
function knownFields(definition: Definition): Set<string> {
	const known = new Set<string>();
	for (const q of definition.questions) {
		if (q.kind === 'section') continue;
		known.add(fieldName(q.id));
		if ((q.kind === 'single' || q.kind === 'multiple') && q.allowOther) known.add(otherFieldName(q.id));
	}
	return known;
}

/**
 * Validates a whole submission against a version. Only questions the answers
 * themselves lead to count: an answer to a question its logic hides is dropped
 * (the customer changed their mind), and a hidden required question is not
 * required. An answer to a question the version lacks refuses the whole post.
 */
export function parseSubmission(definition: Definition, fields: RawFields): ParsedAnswers {
	const known = knownFields(definition);
	const unknownFields = Object.keys(fields).filter((k) => k.startsWith('q_') && !known.has(k));
	const parsed = new Map<string, AnswerValue>();
	const invalid: Record<string, AnswerError> = {};
	for (const question of definition.questions) {
		const result = parseAnswer(question, fields[fieldName(question.id)], fields[otherFieldName(question.id)]?.[0]);
		if ('error' in result) invalid[question.id] = result.error;
		else if (result.value) parsed.set(question.id, result.value);
	}
	const errors: Record<string, AnswerError> = {};
	const answers: AnswerValue[] = [];
	for (const question of visibleQuestions(definition, parsed)) {
		const answer = parsed.get(question.id);
		if (invalid[question.id]) errors[question.id] = invalid[question.id]!;
		else if (answer) answers.push(answer);
		else if (question.required) errors[question.id] = 'required';
	}
	if (unknownFields.length > 0 || Object.keys(errors).length > 0) {
		return { ok: false, errors, unknownFields };
	}
	return { ok: true, answers };
}

/**
 * What a half-answered form holds so far, to keep for later: the valid answers to
 * questions the logic shows. Nothing is required yet and a wrong value is simply
 * not kept (the final submission reports it).
 */
export function parseProgress(definition: Definition, fields: RawFields): AnswerValue[] {
	const parsed = new Map<string, AnswerValue>();
	for (const question of definition.questions) {
		const result = parseAnswer(question, fields[fieldName(question.id)], fields[otherFieldName(question.id)]?.[0]);
		if ('value' in result && result.value) parsed.set(question.id, result.value);
	}
	return visibleQuestions(definition, parsed).flatMap((q) => parsed.get(q.id) ?? []);
}

/** The raw form values that show an answer again (to refill a form), keyed by field name. */
export function answerToFields(answer: AnswerValue): RawFields {
	const name = fieldName(answer.questionId);
	if (answer.yesNo !== null) return { [name]: [answer.yesNo ? 'yes' : 'no'] };
	if (answer.number !== null) return { [name]: [String(answer.number)] };
	if (answer.choices !== null) {
		return { [name]: answer.choices, ...(answer.text !== null ? { [otherFieldName(answer.questionId)]: [answer.text] } : {}) };
	}
	return { [name]: [answer.text ?? ''] };
}

/** Several answers as one form's raw fields. */
export function answersToFields(answers: readonly AnswerValue[]): RawFields {
	return Object.assign({}, ...answers.map(answerToFields));
}

/** The single raw value of a yes/no, scale or text answer (the phone script's input). */
export function answerToRaw(answer: AnswerValue): string {
	return answerToFields(answer)[fieldName(answer.questionId)]!.join(',');
}
