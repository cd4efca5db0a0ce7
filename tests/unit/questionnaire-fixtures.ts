/**
 * Small questionnaires for the unit tests of questionnaire logic and answers,
 * and fast-check arbitraries that build publishable questionnaires with sound
 * logic (every show-if looks back at an earlier question that can steer, with
 * values that question offers) together with valid answers to them.
 */
import fc from 'fast-check';
import {
	OTHER,
	QUESTION_KINDS,
	ruleValuesOf,
	scaleOf,
	type Definition,
	type Question,
	type QuestionKind
} from '$lib/domain/questionnaire/definition';
import { fieldName, otherFieldName, type AnswerValue, type RawFields } from '$lib/domain/questionnaire/answers';

export type Of<K extends QuestionKind> = Extract<Question, { kind: K }>;

export const t = (zh: string, en: string = zh) => ({ 'zh-CN': zh, en });

export const key = (id: string, extra: Partial<Of<'key'>> = {}): Of<'key'> => ({
	id,
	kind: 'key',
	required: true,
	cause: 'service',
	text: t(`${id}是否满意？`, `Were you happy with ${id}?`),
	agentText: t(`请问${id}是否满意？`, `Were you happy with ${id}?`),
	preparedResponse: t('非常抱歉。', 'I am sorry.'),
	...extra
});

export const rating = (id: string, extra: Partial<Of<'rating'>> = {}): Of<'rating'> => ({
	id,
	kind: 'rating',
	required: true,
	text: t(`${id}打分`, `Rate ${id}`),
	...extra
});

export const nps = (id: string, extra: Partial<Of<'nps'>> = {}): Of<'nps'> => ({
	id,
	kind: 'nps',
	required: false,
	text: t('您会推荐我们吗？', 'Would you recommend us?'),
	...extra
});

export const text = (id: string, extra: Partial<Of<'text'>> = {}): Of<'text'> => ({
	id,
	kind: 'text',
	required: false,
	text: t(`${id}：请说明`, `${id}: please tell us`),
	...extra
});

export const section = (id: string, extra: Partial<Of<'section'>> = {}): Of<'section'> => ({
	id,
	kind: 'section',
	required: false,
	text: t('接下来是几个关于维修的问题。', 'Next, a few questions about the repair.'),
	...extra
});

const options = (ids: readonly string[]) => ids.map((id) => ({ id, text: t(`选项${id}`, `Option ${id}`) }));

export const single = (id: string, optionIds: readonly string[], extra: Partial<Of<'single'>> = {}): Of<'single'> => ({
	id,
	kind: 'single',
	required: true,
	text: t(`${id}：请选择一项`, `${id}: pick one`),
	options: options(optionIds),
	allowOther: false,
	...extra
});

export const multiple = (
	id: string,
	optionIds: readonly string[],
	extra: Partial<Of<'multiple'>> = {}
): Of<'multiple'> => ({
	id,
	kind: 'multiple',
	required: true,
	text: t(`${id}：可多选`, `${id}: pick any`),
	options: options(optionIds),
	allowOther: false,
	...extra
});

export const definition = (...questions: Question[]): Definition => ({
	schemaVersion: 1,
	intro: t('您好，感谢参与回访。', 'Hello, thank you for taking this callback.'),
	thanks: t('谢谢！', 'Thank you!'),
	questions
});

/** "Was it fixed?" — and only when the answer is no, "why not?" (required when shown). */
export const whyBranch = () =>
	definition(
		key('fixed'),
		text('why_not', { required: true, showIf: { question: 'fixed', anyOf: ['no'] } }),
		rating('overall')
	);

export const EMPTY_ANSWER = { yesNo: null, number: null, choices: null, text: null };
export const yesNo = (questionId: string, yes: boolean): AnswerValue => ({ ...EMPTY_ANSWER, questionId, yesNo: yes });
export const numberAnswer = (questionId: string, n: number): AnswerValue => ({ ...EMPTY_ANSWER, questionId, number: n });
export const choices = (questionId: string, picked: string[], other: string | null = null): AnswerValue => ({
	...EMPTY_ANSWER,
	questionId,
	choices: picked,
	text: other
});
export const textAnswer = (questionId: string, value: string): AnswerValue => ({ ...EMPTY_ANSWER, questionId, text: value });

export const answersOf = (...answers: AnswerValue[]) => new Map(answers.map((a) => [a.questionId, a]));

/* ---------------------------------------------------------------------------------------------- */
/* Arbitraries                                                                                     */
/* ---------------------------------------------------------------------------------------------- */

interface QuestionSpec {
	kind: QuestionKind;
	required: boolean;
	optionCount: number;
	allowOther: boolean;
	show: { pick: number; values: number[] } | null;
	end: number[] | null;
}

const specArb: fc.Arbitrary<QuestionSpec> = fc.record({
	kind: fc.constantFrom(...QUESTION_KINDS),
	required: fc.boolean(),
	optionCount: fc.integer({ min: 2, max: 4 }),
	allowOther: fc.boolean(),
	show: fc.option(fc.record({ pick: fc.nat(), values: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }), {
		nil: null,
		freq: 2
	}),
	end: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { nil: null, freq: 3 })
});

const unique = <T>(values: T[]) => [...new Set(values)];

function questionOf(spec: QuestionSpec, id: string): Question {
	const optionIds = Array.from({ length: spec.optionCount }, (_, j) => `o${j}`);
	switch (spec.kind) {
		case 'key':
			return key(id, { required: spec.required });
		case 'rating':
			return rating(id, { required: spec.required });
		case 'nps':
			return nps(id, { required: spec.required });
		case 'single':
			return single(id, optionIds, { required: spec.required, allowOther: spec.allowOther });
		case 'multiple':
			return multiple(id, optionIds, { required: spec.required, allowOther: spec.allowOther });
		case 'text':
			return text(id, { required: spec.required });
		case 'section':
			return section(id);
	}
}

/** Builds a questionnaire whose logic is sound by construction. */
function buildSound(specs: QuestionSpec[]): Definition {
	const questions: Question[] = [];
	specs.forEach((spec, i) => {
		const q = questionOf(spec, `q${i}`);
		const steerable = questions.filter((p) => ruleValuesOf(p).length > 0);
		if (spec.show && steerable.length > 0) {
			const target = steerable[spec.show.pick % steerable.length]!;
			const values = ruleValuesOf(target);
			q.showIf = { question: target.id, anyOf: unique(spec.show.values.map((v) => values[v % values.length]!)) };
		}
		if (spec.end && !q.showIf && (q.kind === 'key' || q.kind === 'single')) {
			const values = ruleValuesOf(q);
			q.endIf = unique(spec.end.map((v) => values[v % values.length]!));
		}
		questions.push(q);
	});
	return definition(...questions);
}

/** A publishable questionnaire of 1–8 questions of every kind, with sound show-if and end rules. */
export const soundDefinitionArb: fc.Arbitrary<Definition> = fc.array(specArb, { minLength: 1, maxLength: 8 }).map(buildSound);

/** Non-empty text as a customer may type it (after trimming). */
const typedText = fc
	.string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
	.map((s) => s.trim())
	.filter((s) => s.length > 0);

/** A valid answer to one question, or null (unanswered; sections are never answered). */
export function answerArb(q: Question): fc.Arbitrary<AnswerValue | null> {
	const answer = ((): fc.Arbitrary<AnswerValue> | null => {
		switch (q.kind) {
			case 'key':
				return fc.boolean().map((b) => yesNo(q.id, b));
			case 'rating':
			case 'nps':
				return fc.integer(scaleOf(q.kind)).map((n) => numberAnswer(q.id, n));
			case 'single':
			case 'multiple': {
				const values = ruleValuesOf(q);
				const picked =
					q.kind === 'single'
						? fc.constantFrom(...values).map((v) => [v])
						: fc.subarray(values, { minLength: 1 });
				return picked.chain((p) =>
					p.includes(OTHER) ? typedText.map((other) => choices(q.id, p, other)) : fc.constant(choices(q.id, p))
				);
			}
			case 'text':
				return typedText.map((value) => textAnswer(q.id, value));
			case 'section':
				return null;
		}
	})();
	return answer ? fc.option(answer, { nil: null, freq: 4 }) : fc.constant(null);
}

/** Answers to any of the questions, hidden ones included (a customer may answer, then change a trigger). */
export function answersArb(def: Definition): fc.Arbitrary<Map<string, AnswerValue>> {
	return fc
		.tuple(...def.questions.map(answerArb))
		.map((answers) => new Map(answers.filter((a): a is AnswerValue => a !== null).map((a) => [a.questionId, a])));
}

export const soundWithAnswersArb = soundDefinitionArb.chain((def) => answersArb(def).map((answers) => ({ def, answers })));

/**
 * The form a browser posts for these answers, written independently of
 * `answerToFields`: ticked boxes in reverse order, typed text padded with spaces.
 */
export function postedForm(answers: Iterable<AnswerValue>): RawFields {
	const form: RawFields = {};
	for (const a of answers) {
		const name = fieldName(a.questionId);
		if (a.yesNo !== null) form[name] = [a.yesNo ? 'yes' : 'no'];
		else if (a.number !== null) form[name] = [String(a.number)];
		else if (a.choices !== null) {
			form[name] = [...a.choices].reverse();
			if (a.text !== null) form[otherFieldName(a.questionId)] = [` ${a.text} `];
		} else if (a.text !== null) form[name] = [`  ${a.text}\n`];
	}
	return form;
}
