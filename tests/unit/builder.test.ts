import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	blankDefinition,
	duplicateAt,
	freshId,
	insertAt,
	move,
	newQuestion,
	possibleTriggers,
	removeAt,
	ruleValueLabel,
	withWhyFollowUp
} from '$lib/domain/questionnaire/builder';
import { QUESTION_KINDS, definitionSchema, draftSchema, publishProblems } from '$lib/domain/questionnaire/definition';
import { visibleQuestions } from '$lib/domain/questionnaire/logic';
import { definition, key, single, soundDefinitionArb, text, yesNo, answersOf } from './questionnaire-fixtures';

const ids = (def: { questions: { id: string }[] }) => def.questions.map((q) => q.id);

describe('builder steps', () => {
	it('gives every new question a fresh, valid id and a draft the schema accepts', () => {
		let def = blankDefinition();
		for (const kind of [...QUESTION_KINDS, ...QUESTION_KINDS]) def = insertAt(def, def.questions.length, newQuestion(kind, ids(def)));
		expect(new Set(ids(def)).size).toBe(QUESTION_KINDS.length * 2);
		expect(draftSchema.safeParse(def).success).toBe(true);
		// Empty texts keep it from being published, and each problem names its question.
		const problems = publishProblems(def);
		expect(problems.length).toBeGreaterThan(0);
		expect(problems.every((p) => p.questionId !== null && ids(def).includes(p.questionId))).toBe(true);
	});

	it('freshId skips taken ids', () => {
		expect(freshId('key', ['key_1', 'key_2', 'key_4'])).toBe('key_3');
	});

	it('adds a "why?" that is asked only after a no, and publishes', () => {
		const def = withWhyFollowUp(definition(key('on_time'), text('comment')), 'on_time');
		expect(ids(def)).toEqual(['on_time', 'on_time_why_1', 'comment']);
		expect(definitionSchema.safeParse(def).success).toBe(true);
		expect(ids({ questions: visibleQuestions(def, answersOf(yesNo('on_time', false))) })).toContain('on_time_why_1');
		expect(ids({ questions: visibleQuestions(def, answersOf(yesNo('on_time', true))) })).not.toContain('on_time_why_1');
	});

	it('undoing a delete puts the question back exactly', () => {
		fc.assert(
			fc.property(soundDefinitionArb, fc.nat(), (def, n) => {
				const index = n % def.questions.length;
				const { def: without, removed } = removeAt(def, index);
				expect(without.questions).toHaveLength(def.questions.length - 1);
				expect(insertAt(without, index, removed!)).toEqual(def);
			})
		);
	});

	it('moving keeps every question once, and moving back restores the order', () => {
		fc.assert(
			fc.property(soundDefinitionArb, fc.nat(), fc.nat(), (def, a, b) => {
				const from = a % def.questions.length;
				const to = b % def.questions.length;
				const moved = move(def, from, to);
				expect([...ids(moved)].sort()).toEqual([...ids(def)].sort());
				expect(moved.questions[to]).toEqual(def.questions[from]);
				expect(move(moved, to, from)).toEqual(def);
			})
		);
	});

	it('a duplicate sits right after its original under a new id', () => {
		const def = duplicateAt(definition(single('visit', ['a', 'b']), text('comment')), 0);
		expect(ids(def)).toEqual(['visit', 'visit_1', 'comment']);
		expect(def.questions[1]).toEqual({ ...def.questions[0], id: 'visit_1' });
	});

	it('offers only earlier questions that can steer as triggers', () => {
		const def = definition(text('intro_text'), key('k'), single('s', ['a', 'b']), text('t'));
		expect(ids({ questions: possibleTriggers(def, 3) })).toEqual(['k', 's']);
		expect(possibleTriggers(def, 1)).toEqual([]);
	});

	it('names rule values in words', () => {
		const words = { yes: '是', no: '否', other: '其他' };
		expect(ruleValueLabel(key('k'), 'no', 'zh-CN', words)).toBe('否');
		const s = single('s', ['a'], { allowOther: true });
		expect(ruleValueLabel(s, 'a', 'en', words)).toBe(s.options[0]!.text.en);
		expect(ruleValueLabel(s, 'other', 'en', words)).toBe('其他');
	});
});
