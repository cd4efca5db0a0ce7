import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { answerMatches, answerRuleValues, visibleQuestions } from '$lib/domain/questionnaire/logic';
import type { Definition } from '$lib/domain/questionnaire/definition';
import type { AnswerValue } from '$lib/domain/questionnaire/answers';
import {
	answersOf,
	choices,
	definition,
	key,
	multiple,
	numberAnswer,
	rating,
	single,
	soundWithAnswersArb,
	text,
	textAnswer,
	whyBranch,
	yesNo
} from './questionnaire-fixtures';

const ids = (def: Definition, answers: Map<string, AnswerValue>) => visibleQuestions(def, answers).map((q) => q.id);

describe('answerRuleValues and answerMatches', () => {
	it('compare yes/no, scale numbers and chosen options with rule values', () => {
		expect(answerRuleValues(yesNo('fixed', false))).toEqual(['no']);
		expect(answerRuleValues(numberAnswer('overall', 0))).toEqual(['0']);
		expect(answerRuleValues(choices('improve', ['price', 'other'], 'parking'))).toEqual(['price', 'other']);
		expect(answerRuleValues(textAnswer('comment', 'no'))).toEqual([]);
		expect(answerMatches(choices('improve', ['speed', 'price']), ['price'])).toBe(true);
		expect(answerMatches(numberAnswer('overall', 2), ['1', '2'])).toBe(true);
		expect(answerMatches(numberAnswer('overall', 3), ['1', '2'])).toBe(false);
		expect(answerMatches(undefined, ['no'])).toBe(false);
		// A typed "no" is not the answer "no".
		expect(answerMatches(textAnswer('comment', 'no'), ['no'])).toBe(false);
	});
});

describe('visibleQuestions', () => {
	it('asks "why not?" only after the customer says no', () => {
		const def = whyBranch();
		expect(ids(def, answersOf())).toEqual(['fixed', 'overall']);
		expect(ids(def, answersOf(yesNo('fixed', true)))).toEqual(['fixed', 'overall']);
		expect(ids(def, answersOf(yesNo('fixed', false)))).toEqual(['fixed', 'why_not', 'overall']);
	});

	it('hides a question whose trigger is hidden, even if the trigger kept a matching answer', () => {
		const def = definition(
			key('fixed'),
			key('contacted', { showIf: { question: 'fixed', anyOf: ['no'] } }),
			text('complaint', { showIf: { question: 'contacted', anyOf: ['no'] } })
		);
		const stale = yesNo('contacted', false);
		expect(ids(def, answersOf(yesNo('fixed', false), stale))).toEqual(['fixed', 'contacted', 'complaint']);
		// The customer changed "fixed" to yes: the stale "contacted = no" no longer leads anywhere.
		expect(ids(def, answersOf(yesNo('fixed', true), stale))).toEqual(['fixed']);
		expect(ids(def, answersOf(stale))).toEqual(['fixed']);
	});

	it('follows choice and scale triggers, "other" included', () => {
		const def = definition(
			single('channel', ['phone', 'app'], { allowOther: true }),
			text('which', { showIf: { question: 'channel', anyOf: ['other'] } }),
			multiple('improve', ['speed', 'price', 'staff']),
			text('price_detail', { showIf: { question: 'improve', anyOf: ['price'] } }),
			rating('overall'),
			text('low', { showIf: { question: 'overall', anyOf: ['1', '2'] } })
		);
		expect(ids(def, answersOf(choices('channel', ['other'], 'mail'), choices('improve', ['speed', 'price']), numberAnswer('overall', 2)))).toEqual(
			['channel', 'which', 'improve', 'price_detail', 'overall', 'low']
		);
		expect(ids(def, answersOf(choices('channel', ['app']), choices('improve', ['staff']), numberAnswer('overall', 3)))).toEqual([
			'channel',
			'improve',
			'overall'
		]);
	});

	it('ends right after a question whose end rule matches', () => {
		const def = definition(
			key('consent', { endIf: ['no'] }),
			single('visited', ['yes_recently', 'not_yet'], { endIf: ['not_yet'] }),
			rating('overall'),
			text('comment')
		);
		expect(ids(def, answersOf(yesNo('consent', false), choices('visited', ['yes_recently']), numberAnswer('overall', 5)))).toEqual([
			'consent'
		]);
		expect(ids(def, answersOf(yesNo('consent', true), choices('visited', ['not_yet'])))).toEqual(['consent', 'visited']);
		expect(ids(def, answersOf(yesNo('consent', true), choices('visited', ['yes_recently'])))).toEqual([
			'consent',
			'visited',
			'overall',
			'comment'
		]);
		expect(ids(def, answersOf())).toEqual(['consent', 'visited', 'overall', 'comment']);
	});

	it('always shows questions in order, every unconditional one up to a matching end rule and nothing after it', () => {
		fc.assert(
			fc.property(soundWithAnswersArb, ({ def, answers }) => {
				const visible = visibleQuestions(def, answers);
				const positions = visible.map((q) => def.questions.indexOf(q));
				// A subsequence of the questions, in order.
				expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
				// The first question whose end rule matches its answer (end questions are never conditional).
				const end = def.questions.findIndex((q) => 'endIf' in q && q.endIf && answerMatches(answers.get(q.id), q.endIf));
				const last = end === -1 ? def.questions.length - 1 : end;
				def.questions.forEach((q, i) => {
					if (i > last) expect(visible, `${q.id} after the end`).not.toContain(q);
					else if (!q.showIf) expect(visible, `${q.id} is unconditional`).toContain(q);
				});
				// A conditional question is shown exactly when its trigger is shown and answered with one of its values.
				for (const q of def.questions.slice(0, last + 1)) {
					if (!q.showIf) continue;
					const trigger = visible.find((v) => v.id === q.showIf!.question);
					expect(visible.includes(q), q.id).toBe(!!trigger && answerMatches(answers.get(trigger.id), q.showIf.anyOf));
				}
			})
		);
	});
});
