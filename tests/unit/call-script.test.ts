import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	askedQuestions,
	hiddenAnswers,
	missingRequired,
	outcomeProblem,
	positionAfter,
	positionBefore,
	progressAt,
	suggestedOutcome,
	visibleIndexes,
	type Answers,
	type ScriptPosition
} from '$lib/domain/calls/script';
import { visibleQuestions } from '$lib/domain/questionnaire/logic';
import { definitionSchema, OTHER, ruleValuesOf, type Definition, type Question } from '$lib/domain/questionnaire/definition';
import type { AnswerValue } from '$lib/domain/questionnaire/answers';
import { parseInterchange } from '$lib/domain/questionnaire/interchange';
import { carDealerAftersales } from '$lib/domain/templates/car-dealer-aftersales';
import { newCallSchema } from '$lib/domain/calls/new-call';
import logicFile from '../e2e/fixtures/phone-script-logic.json';

const def = carDealerAftersales.definition;
const required = def.questions.filter((q) => q.required).map((q) => q.id);

const EMPTY = { yesNo: null, number: null, choices: null, text: null };
const yes = (questionId: string, value = true): AnswerValue => ({ ...EMPTY, questionId, yesNo: value });
const text = (questionId: string, value: string): AnswerValue => ({ ...EMPTY, questionId, text: value });
const picked = (questionId: string, choices: string[], other: string | null = null): AnswerValue => ({
	...EMPTY,
	questionId,
	choices,
	text: other
});
const answersOf = (...answers: AnswerValue[]): Answers => new Map(answers.map((a) => [a.questionId, a]));
/** Answers "yes"/1 to each id of the 4S template (all its required questions are yes/no or rating). */
const allYes = (ids: readonly string[]) =>
	answersOf(...ids.map((id) => (def.questions.find((q) => q.id === id)!.kind === 'key' ? yes(id) : { ...EMPTY, questionId: id, number: 4 })));

const parsedLogic = parseInterchange(JSON.stringify(logicFile));
if (!parsedLogic.ok) throw new Error('the logic fixture is not a valid questionnaire');
/** section · key on_time · why_late (only after "no") · single channel (+other) · multiple improve (+other) · single more_time (ends on no_time) · nps · text. */
const logic = parsedLogic.value.definition;
const at = (id: string) => logic.questions.findIndex((q) => q.id === id);

/** Every position the script visits, moving forward from the first question until the recap. */
function walk(definition: Definition, answers: Answers): number[] {
	const visited: number[] = [];
	let position: ScriptPosition = 0;
	while (position !== 'recap') {
		visited.push(position);
		position = positionAfter(definition, answers, position);
	}
	return visited;
}

describe('call script rules without logic', () => {
	it('lists required questions still unanswered, in script order', () => {
		expect(missingRequired(def, new Map())).toEqual(required);
		expect(missingRequired(def, allYes(required))).toEqual([]);
	});

	it('proposes completed only when every required question is answered', () => {
		expect(suggestedOutcome(def, allYes(required))).toBe('completed');
		expect(suggestedOutcome(def, allYes(required.slice(1)))).toBe('partial');
	});

	it('refuses completed with gaps and partial with nothing; other outcomes always fit', () => {
		expect(outcomeProblem('complete', def, answersOf(yes('received_promptly')))).toBe('required_missing');
		expect(outcomeProblem('partial', def, new Map())).toBe('nothing_answered');
		expect(outcomeProblem('partial', def, answersOf(yes('received_promptly')))).toBeNull();
		expect(outcomeProblem('none', def, new Map())).toBeNull();
		expect(outcomeProblem('appointment', def, new Map())).toBeNull();
	});

	it('asks every question in order, then the recap', () => {
		expect(positionAfter(def, new Map(), 0)).toBe(1);
		expect(positionAfter(def, new Map(), def.questions.length - 1)).toBe('recap');
		expect(walk(def, new Map())).toEqual(def.questions.map((_, i) => i));
		expect(positionBefore(def, new Map(), 0)).toBeNull();
		expect(positionBefore(def, new Map(), 'recap')).toBe(def.questions.length - 1);
		expect(progressAt(def, new Map(), 2)).toEqual({ n: 3, total: def.questions.length });
	});
});

describe('call script rules with logic', () => {
	it('asks "why?" only after a "no", and counts it as required only then', () => {
		const no = answersOf(yes('on_time', false));
		expect(positionAfter(logic, no, at('on_time'))).toBe(at('why_late'));
		expect(missingRequired(logic, no)).toEqual(['why_late', 'channel', 'more_time', 'recommend']);

		const fine = answersOf(yes('on_time'));
		expect(positionAfter(logic, fine, at('on_time'))).toBe(at('channel'));
		expect(missingRequired(logic, fine)).toEqual(['channel', 'more_time', 'recommend']);
		expect(positionBefore(logic, fine, at('channel'))).toBe(at('on_time'));
	});

	it('goes straight to the recap when an end rule matches, and the recap lists only what was asked', () => {
		const ended = answersOf(yes('on_time'), picked('channel', ['app']), picked('more_time', ['no_time']));
		expect(positionAfter(logic, ended, at('more_time'))).toBe('recap');
		expect(askedQuestions(logic, ended).map((q) => q.id)).toEqual(['on_time', 'channel', 'improve', 'more_time']);
		expect(positionBefore(logic, ended, 'recap')).toBe(at('more_time'));
		// recommend is required, but the end rule means it was never asked.
		expect(suggestedOutcome(logic, ended)).toBe('completed');
		expect(outcomeProblem('complete', logic, ended)).toBeNull();
	});

	it('does not count an answer the logic now hides', () => {
		// "why?" was answered after a "no"; the "no" became a "yes".
		const changed = answersOf(yes('on_time'), text('why_late', '等了一小时'), picked('more_time', ['no_time']), { ...EMPTY, questionId: 'recommend', number: 9 });
		expect(hiddenAnswers(logic, changed).sort()).toEqual(['recommend', 'why_late']);
		expect(outcomeProblem('partial', logic, answersOf(text('why_late', '等了一小时')))).toBe('nothing_answered');
	});

	it('numbers only questions, not section texts, out of what the logic leads to so far', () => {
		expect(progressAt(logic, new Map(), at('intro'))).toBeNull();
		expect(progressAt(logic, new Map(), at('on_time'))).toEqual({ n: 1, total: 6 });
		expect(progressAt(logic, answersOf(yes('on_time', false)), at('channel'))).toEqual({ n: 3, total: 7 });
		expect(walk(logic, new Map())[0]).toBe(at('intro'));
	});
});

/** A random answer that fits the question (or none), including stale answers to hidden questions. */
function answerFor(q: Question): fc.Arbitrary<AnswerValue | null> {
	const some = (() => {
		switch (q.kind) {
			case 'key':
				return fc.boolean().map((v) => yes(q.id, v));
			case 'rating':
				return fc.integer({ min: 1, max: 5 }).map((n) => ({ ...EMPTY, questionId: q.id, number: n }));
			case 'nps':
				return fc.integer({ min: 0, max: 10 }).map((n) => ({ ...EMPTY, questionId: q.id, number: n }));
			case 'single':
				return fc.constantFrom(...ruleValuesOf(q)).map((v) => picked(q.id, [v], v === OTHER ? '别的' : null));
			case 'multiple':
				return fc
					.subarray(ruleValuesOf(q))
					.map((vs) => picked(q.id, vs, vs.includes(OTHER) ? '别的' : null));
			case 'text':
				return fc.constant(text(q.id, '意见'));
			case 'section':
				return fc.constant(null);
		}
	})();
	return fc.option(some, { nil: null }).map((a) => a ?? null);
}

function answersFor(definition: Definition): fc.Arbitrary<Answers> {
	return fc
		.tuple(...definition.questions.map(answerFor))
		.map((list) => new Map(list.filter((a): a is AnswerValue => a !== null).map((a) => [a.questionId, a])));
}

const localized = (s: string) => ({ 'zh-CN': s, en: s });
const KINDS = ['key', 'rating', 'nps', 'single', 'multiple', 'text', 'section'] as const;

/** A random valid questionnaire with show-if rules on earlier questions and end rules. */
const definitions: fc.Arbitrary<Definition> = fc
	.array(
		fc.record({
			kind: fc.constantFrom(...KINDS),
			required: fc.boolean(),
			allowOther: fc.boolean(),
			showIf: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }),
			endIf: fc.option(fc.nat(), { nil: undefined })
		}),
		{ minLength: 1, maxLength: 12 }
	)
	.map((specs) => {
		const questions: Record<string, unknown>[] = [];
		specs.forEach((spec, i) => {
			const id = `q${i}`;
			const q: Record<string, unknown> = { id, kind: spec.kind, text: localized(`问题 ${i}`) };
			if (spec.kind !== 'section') q.required = spec.required;
			if (spec.kind === 'key') Object.assign(q, { cause: 'service', agentText: localized('念'), preparedResponse: localized('应对') });
			if (spec.kind === 'single' || spec.kind === 'multiple') {
				Object.assign(q, { options: [{ id: 'a', text: localized('甲') }, { id: 'b', text: localized('乙') }, { id: 'c', text: localized('丙') }], allowOther: spec.allowOther });
			}
			const triggers = questions.filter((t) => ruleValuesOf(t as never).length > 0);
			if (spec.showIf && triggers.length > 0) {
				const target = triggers[spec.showIf[0] % triggers.length]!;
				const values = ruleValuesOf(target as never);
				q.showIf = { question: target.id, anyOf: [values[spec.showIf[1] % values.length]!] };
			}
			if (spec.endIf !== undefined && !q.showIf && (spec.kind === 'key' || spec.kind === 'single')) {
				const values = ruleValuesOf(q as never);
				q.endIf = [values[spec.endIf % values.length]!];
			}
			questions.push(q);
		});
		return definitionSchema.parse({ schemaVersion: 1, intro: localized('开场'), thanks: localized('谢谢'), questions });
	});

const withAnswers = fc.oneof(
	answersFor(logic).map((answers) => ({ definition: logic, answers })),
	definitions.chain((definition) => answersFor(definition).map((answers) => ({ definition, answers })))
);

describe('call script properties', () => {
	it('visits exactly the visible questions, in order, and the recap lists exactly what was asked', () => {
		fc.assert(
			fc.property(withAnswers, ({ definition, answers }) => {
				const visible = visibleQuestions(definition, answers);
				const visited = walk(definition, answers).map((i) => definition.questions[i]!.id);
				expect(visited).toEqual(visible.map((q) => q.id));
				expect(askedQuestions(definition, answers).map((q) => q.id)).toEqual(
					visible.filter((q) => q.kind !== 'section').map((q) => q.id)
				);
			})
		);
	});

	it('← retraces → from every visible question and from the recap', () => {
		fc.assert(
			fc.property(withAnswers, ({ definition, answers }) => {
				const visited = walk(definition, answers);
				expect(positionBefore(definition, answers, 'recap')).toBe(visited.at(-1));
				visited.forEach((position, i) => {
					expect(positionBefore(definition, answers, position)).toBe(i === 0 ? null : visited[i - 1]);
				});
			})
		);
	});

	it('dropping the hidden answers changes nothing the script shows or counts', () => {
		fc.assert(
			fc.property(withAnswers, ({ definition, answers }) => {
				const hidden = new Set(hiddenAnswers(definition, answers));
				const kept = new Map([...answers].filter(([id]) => !hidden.has(id)));
				expect(visibleIndexes(definition, kept)).toEqual(visibleIndexes(definition, answers));
				expect(missingRequired(definition, kept)).toEqual(missingRequired(definition, answers));
				expect(suggestedOutcome(definition, kept)).toBe(suggestedOutcome(definition, answers));
				expect(outcomeProblem('partial', definition, kept)).toBe(outcomeProblem('partial', definition, answers));
				expect(hiddenAnswers(definition, kept)).toEqual([]);
			})
		);
	});

	it('never asks for a required answer to a question the logic hides', () => {
		fc.assert(
			fc.property(withAnswers, ({ definition, answers }) => {
				const visible = new Set(visibleQuestions(definition, answers).map((q) => q.id));
				for (const id of missingRequired(definition, answers)) expect(visible.has(id)).toBe(true);
			})
		);
	});
});

describe('new call form', () => {
	const base = { questionnaireId: '5f0c5b8e-1d2a-4c3b-9a7e-2b1c3d4e5f60', customerName: '张先生' };

	it('accepts phone numbers as agents type them', () => {
		for (const phone of ['13800138000', '+86 138 0013 8000', '(010) 6552-1234']) {
			expect(newCallSchema.safeParse({ ...base, customerPhone: phone }).success).toBe(true);
		}
	});

	it('refuses letters, too few digits and missing names', () => {
		expect(newCallSchema.safeParse({ ...base, customerPhone: 'call me' }).success).toBe(false);
		expect(newCallSchema.safeParse({ ...base, customerPhone: '12-3' }).success).toBe(false);
		expect(newCallSchema.safeParse({ ...base, customerName: ' ', customerPhone: '13800138000' }).success).toBe(false);
	});
});
