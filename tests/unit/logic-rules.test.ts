import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logicProblems } from '$lib/domain/questionnaire/logic-rules';
import { OTHER, definitionSchema, ruleValuesOf, scaleValues } from '$lib/domain/questionnaire/definition';
import {
	definition,
	key,
	multiple,
	nps,
	rating,
	section,
	single,
	soundDefinitionArb,
	text,
	whyBranch
} from './questionnaire-fixtures';

const why = (question: string, anyOf: string[]) => text('why', { showIf: { question, anyOf } });

describe('rule values', () => {
	it('offers what each kind of question can be answered with, and nothing for texts and sections', () => {
		expect(scaleValues('rating')).toEqual([1, 2, 3, 4, 5]);
		expect(scaleValues('nps')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(ruleValuesOf(key('fixed'))).toEqual(['yes', 'no']);
		expect(ruleValuesOf(rating('overall'))).toEqual(['1', '2', '3', '4', '5']);
		expect(ruleValuesOf(nps('recommend'))).toHaveLength(11);
		expect(ruleValuesOf(single('channel', ['phone', 'app']))).toEqual(['phone', 'app']);
		expect(ruleValuesOf(multiple('improve', ['speed', 'price'], { allowOther: true }))).toEqual(['speed', 'price', OTHER]);
		expect(ruleValuesOf(text('comment'))).toEqual([]);
		expect(ruleValuesOf(section('intro'))).toEqual([]);
	});
});

describe('logicProblems', () => {
	it('finds nothing wrong with a "why not?" asked only after a no', () => {
		expect(logicProblems(whyBranch().questions)).toEqual([]);
		expect(definitionSchema.safeParse(whyBranch()).success).toBe(true);
	});

	it('accepts every kind that can steer, with the values it offers', () => {
		const questions = [
			key('fixed', { endIf: ['no'] }),
			rating('overall'),
			nps('recommend'),
			single('channel', ['phone', 'app'], { allowOther: true, endIf: ['other'] }),
			multiple('improve', ['speed', 'price'], { allowOther: true }),
			text('a', { showIf: { question: 'overall', anyOf: ['1', '2'] } }),
			text('b', { showIf: { question: 'recommend', anyOf: ['0', '10'] } }),
			text('c', { showIf: { question: 'channel', anyOf: ['app', 'other'] } }),
			text('d', { showIf: { question: 'improve', anyOf: ['price', 'other'] } }),
			// A follow-up may itself steer a later question.
			key('e', { showIf: { question: 'fixed', anyOf: ['yes'] } }),
			section('f', { showIf: { question: 'e', anyOf: ['no'] } })
		];
		expect(logicProblems(questions)).toEqual([]);
	});

	it('refuses a question that shows itself', () => {
		expect(logicProblems([key('fixed'), key('again', { showIf: { question: 'again', anyOf: ['no'] } })])).toEqual([
			{ path: ['questions', 1, 'showIf', 'question'], message: 'logic_cycle' }
		]);
	});

	it('refuses a rule that looks ahead at a later question', () => {
		expect(logicProblems([why('fixed', ['no']), key('fixed')])).toEqual([
			{ path: ['questions', 0, 'showIf', 'question'], message: 'logic_later_question' }
		]);
	});

	it('refuses a rule about a question the questionnaire lacks', () => {
		expect(logicProblems([key('fixed'), why('fixd', ['no'])])).toEqual([
			{ path: ['questions', 1, 'showIf', 'question'], message: 'logic_unknown_question' }
		]);
	});

	it('refuses a text or a section as a trigger: their answers cannot steer', () => {
		for (const trigger of [text('comment'), section('intro')]) {
			expect(logicProblems([trigger, why(trigger.id, ['yes'])])).toEqual([
				{ path: ['questions', 1, 'showIf', 'question'], message: 'logic_not_a_trigger' }
			]);
		}
	});

	it('refuses values the trigger never offers', () => {
		const cases = [
			[key('t'), ['maybe']],
			[rating('t'), ['0']],
			[rating('t'), ['6']],
			[nps('t'), ['11']],
			[single('t', ['phone', 'app']), ['other']], // no "other" without allowOther
			[multiple('t', ['phone', 'app']), ['phone', 'mail']]
		] as const;
		for (const [trigger, anyOf] of cases) {
			expect(logicProblems([trigger, why('t', [...anyOf])]), `${trigger.kind} ${anyOf}`).toEqual([
				{ path: ['questions', 1, 'showIf', 'anyOf'], message: 'logic_unknown_value' }
			]);
		}
	});

	it('refuses end rules on values the question never offers', () => {
		expect(logicProblems([key('fixed', { endIf: ['yes', 'nope'] })])).toEqual([
			{ path: ['questions', 0, 'endIf'], message: 'logic_unknown_value' }
		]);
		expect(logicProblems([single('channel', ['phone', 'app'], { endIf: ['other'] })])).toEqual([
			{ path: ['questions', 0, 'endIf'], message: 'logic_unknown_value' }
		]);
	});

	it('refuses an end rule on a question that is itself conditional', () => {
		const questions = [key('fixed'), key('refund', { showIf: { question: 'fixed', anyOf: ['no'] }, endIf: ['no'] })];
		expect(logicProblems(questions)).toEqual([{ path: ['questions', 1, 'endIf'], message: 'logic_end_on_conditional' }]);
	});

	it('reports logic problems through the schema, at the same path', () => {
		const result = definitionSchema.safeParse(definition(why('fixed', ['no']), key('fixed')));
		expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['questions.0.showIf.question', 'logic_later_question']
		]);
	});

	it('finds nothing wrong when every rule looks back at an earlier question that can steer', () => {
		fc.assert(
			fc.property(soundDefinitionArb, (def) => {
				expect(logicProblems(def.questions)).toEqual([]);
				expect(definitionSchema.safeParse(def).error?.issues ?? []).toEqual([]);
			})
		);
	});

	it('reports every rule that looks at its own or a later question', () => {
		fc.assert(
			fc.property(
				soundDefinitionArb.chain((def) =>
					fc.record({
						def: fc.constant(def),
						from: fc.nat({ max: def.questions.length - 1 }),
						offset: fc.nat()
					})
				),
				({ def, from, offset }) => {
					const to = from + (offset % (def.questions.length - from));
					const questions = structuredClone(def.questions);
					const target = questions[to]!;
					// Values the target does offer, so only the direction of the rule is wrong.
					const anyOf = ruleValuesOf(target).slice(0, 1);
					questions[from]!.showIf = { question: target.id, anyOf: anyOf.length ? anyOf : ['yes'] };
					expect(logicProblems(questions)).toContainEqual({
						path: ['questions', from, 'showIf', 'question'],
						message: to === from ? 'logic_cycle' : 'logic_later_question'
					});
				}
			)
		);
	});
});
