import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	answerToFields,
	answerToRaw,
	fieldName,
	otherFieldName,
	parseAnswer,
	parseSubmission,
	type AnswerValue,
	type RawFields
} from '$lib/domain/questionnaire/answers';
import { definitionSchema, type Definition } from '$lib/domain/questionnaire/definition';
import { visibleQuestions } from '$lib/domain/questionnaire/logic';
import {
	choices,
	definition,
	key,
	multiple,
	nps,
	numberAnswer,
	postedForm,
	rating,
	section,
	single,
	soundWithAnswersArb,
	text,
	textAnswer,
	whyBranch,
	yesNo
} from './questionnaire-fixtures';

const channel = single('channel', ['phone', 'app', 'store'], { allowOther: true });
const improve = multiple('improve', ['speed', 'price', 'staff'], { allowOther: true });
const closed = single('visit', ['first', 'repeat']);

describe('parseAnswer on choice questions', () => {
	it('reads one option of a single choice into the choices column', () => {
		expect(parseAnswer(channel, 'app')).toEqual({ value: choices('channel', ['app']) });
		expect(parseAnswer(channel, ['  app '])).toEqual({ value: choices('channel', ['app']) });
	});

	it('refuses two different options on a single choice', () => {
		expect(parseAnswer(channel, ['app', 'store'])).toEqual({ error: 'invalid' });
		// The same box posted twice is still one choice.
		expect(parseAnswer(channel, ['app', 'app'])).toEqual({ value: choices('channel', ['app']) });
	});

	it('keeps the questionnaire order of ticked boxes, whatever order they were posted in', () => {
		expect(parseAnswer(improve, ['staff', 'speed'])).toEqual({ value: choices('improve', ['speed', 'staff']) });
		expect(parseAnswer(improve, ['other', 'staff', 'speed', 'staff'], 'parking')).toEqual({
			value: choices('improve', ['speed', 'staff', 'other'], 'parking')
		});
	});

	it('needs the text of an "other" choice, and keeps it trimmed', () => {
		expect(parseAnswer(channel, 'other')).toEqual({ error: 'other_text_required' });
		expect(parseAnswer(channel, 'other', '   ')).toEqual({ error: 'other_text_required' });
		expect(parseAnswer(channel, 'other', ' 微信 ')).toEqual({ value: choices('channel', ['other'], '微信') });
		expect(parseAnswer(improve, ['price', 'other'], 'x'.repeat(2001))).toEqual({ error: 'too_long' });
	});

	it('ignores an "other" text when "other" is not chosen', () => {
		expect(parseAnswer(channel, 'phone', '微信')).toEqual({ value: choices('channel', ['phone']) });
	});

	it('refuses options the question does not offer', () => {
		expect(parseAnswer(closed, 'other', 'x')).toEqual({ error: 'invalid' }); // no "other" on this question
		expect(parseAnswer(closed, 'FIRST')).toEqual({ error: 'invalid' });
		expect(parseAnswer(improve, ['speed', 'fax'])).toEqual({ error: 'invalid' });
	});

	it('treats no ticked box as unanswered, and never answers a section', () => {
		expect(parseAnswer(improve, [])).toEqual({ value: null });
		expect(parseAnswer(improve, ['', ' '])).toEqual({ value: null });
		expect(parseAnswer(section('intro'), 'yes')).toEqual({ value: null });
	});

	it('refuses several values on a yes/no, scale or text question', () => {
		expect(parseAnswer(key('fixed'), ['yes', 'no'])).toEqual({ error: 'invalid' });
		expect(parseAnswer(rating('overall'), ['4', '5'])).toEqual({ error: 'invalid' });
		expect(parseAnswer(text('comment'), ['a', 'b'])).toEqual({ error: 'invalid' });
	});
});

describe('parseSubmission with logic', () => {
	const def = whyBranch();

	it('drops a "why not?" answer posted while the key question says yes', () => {
		const result = parseSubmission(def, { q_fixed: ['yes'], q_why_not: ['太慢了'], q_overall: ['4'] });
		expect(result).toEqual({ ok: true, answers: [yesNo('fixed', true), numberAnswer('overall', 4)] });
	});

	it('keeps the "why not?" answer after a no, and requires it then', () => {
		expect(parseSubmission(def, { q_fixed: ['no'], q_why_not: ['太慢了'], q_overall: ['2'] })).toMatchObject({
			ok: true,
			answers: [yesNo('fixed', false), textAnswer('why_not', '太慢了'), { questionId: 'overall', number: 2 }]
		});
		expect(parseSubmission(def, { q_fixed: ['no'], q_overall: ['2'] })).toEqual({
			ok: false,
			errors: { why_not: 'required' },
			unknownFields: []
		});
	});

	it('does not require a required question the answers hide', () => {
		expect(parseSubmission(def, { q_fixed: ['yes'], q_overall: ['4'] }).ok).toBe(true);
	});

	it('does not hold an invalid answer to a hidden question against the customer', () => {
		const def2 = definition(key('fixed'), rating('how_bad', { showIf: { question: 'fixed', anyOf: ['no'] } }));
		expect(parseSubmission(def2, { q_fixed: ['yes'], q_how_bad: ['99'] }).ok).toBe(true);
		expect(parseSubmission(def2, { q_fixed: ['no'], q_how_bad: ['99'] })).toMatchObject({ ok: false, errors: { how_bad: 'invalid' } });
	});

	it('does not ask anything after a matching end rule', () => {
		const def2 = definition(key('consent', { endIf: ['no'] }), rating('overall'), nps('recommend'));
		expect(parseSubmission(def2, { q_consent: ['no'], q_overall: ['5'] })).toEqual({ ok: true, answers: [yesNo('consent', false)] });
		expect(parseSubmission(def2, { q_consent: ['yes'] })).toMatchObject({ ok: false, errors: { overall: 'required' } });
	});

	it('accepts multiple choice with "other" and its text', () => {
		const def2 = definition(channel, improve);
		const result = parseSubmission(def2, {
			q_channel: ['store'],
			q_improve: ['other', 'price'],
			'q_improve-other': ['停车不方便']
		});
		expect(result).toEqual({
			ok: true,
			answers: [choices('channel', ['store']), choices('improve', ['price', 'other'], '停车不方便')]
		});
	});

	it('names the question whose "other" lacks its text', () => {
		const def2 = definition(channel, improve);
		expect(parseSubmission(def2, { q_channel: ['other'], 'q_channel-other': [''], q_improve: ['speed'] })).toEqual({
			ok: false,
			errors: { channel: 'other_text_required' },
			unknownFields: []
		});
	});

	it('refuses two values for a single choice', () => {
		const def2 = definition(channel);
		expect(parseSubmission(def2, { q_channel: ['phone', 'app'] })).toEqual({
			ok: false,
			errors: { channel: 'invalid' },
			unknownFields: []
		});
	});

	it('refuses an "other" text for a question without "other", and a field for a section', () => {
		expect(parseSubmission(definition(closed), { q_visit: ['first'], 'q_visit-other': ['x'] })).toMatchObject({
			ok: false,
			unknownFields: ['q_visit-other']
		});
		expect(parseSubmission(definition(section('intro'), closed), { q_visit: ['first'], q_intro: ['x'] })).toMatchObject({
			ok: false,
			unknownFields: ['q_intro']
		});
	});

	it('keeps exactly the answers the customer was shown, and requires exactly the shown required ones', () => {
		fc.assert(
			fc.property(soundWithAnswersArb, ({ def, answers }) => {
				const shown = visibleQuestions(def, answers);
				const missing = Object.fromEntries(
					shown.filter((q) => q.required && !answers.has(q.id)).map((q) => [q.id, 'required'] as const)
				);
				const result = parseSubmission(def, postedForm(answers.values()));
				if (Object.keys(missing).length > 0) {
					expect(result).toEqual({ ok: false, errors: missing, unknownFields: [] });
				} else {
					expect(result).toEqual({ ok: true, answers: shown.filter((q) => answers.has(q.id)).map((q) => answers.get(q.id)) });
				}
			})
		);
	});

	it('never throws, whatever a forged form contains', () => {
		fc.assert(
			fc.property(
				soundWithAnswersArb.chain(({ def, answers }) => {
					// Mix real field names (and their "other" fields) with anything at all.
					const names = def.questions.flatMap((q) => [fieldName(q.id), otherFieldName(q.id)]);
					const values = fc.oneof(fc.string({ maxLength: 2100 }), fc.constantFrom('yes', 'no', 'other', 'o0', 'o1', '5', '10', ' '));
					return fc.record({
						def: fc.constant(def),
						form: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...names)), fc.array(values, { maxLength: 4 })),
						honest: fc.constant(postedForm(answers.values()))
					});
				}),
				({ def, form, honest }) => {
					for (const fields of [form, { ...honest, ...form }]) {
						const result = parseSubmission(def, fields);
						expect(typeof result.ok).toBe('boolean');
					}
				}
			)
		);
	});
});

describe('answerToFields', () => {
	const parseFields = (def: Definition, answer: AnswerValue, fields: RawFields) => {
		const q = def.questions.find((x) => x.id === answer.questionId)!;
		return parseAnswer(q, fields[fieldName(q.id)], fields[otherFieldName(q.id)]?.[0]);
	};

	it('refills every answer a submission kept, which then reads back the same', () => {
		fc.assert(
			fc.property(soundWithAnswersArb, ({ def, answers }) => {
				const result = parseSubmission(def, postedForm(answers.values()));
				if (!result.ok) return;
				for (const answer of result.answers) {
					expect(parseFields(def, answer, answerToFields(answer))).toEqual({ value: answer });
				}
				// All fields together are a submission that reads back the same.
				const refilled = Object.assign({}, ...result.answers.map(answerToFields)) as RawFields;
				expect(parseSubmission(def, refilled)).toEqual(result);
			})
		);
	});

	it('writes "other" and its text into their own fields', () => {
		expect(answerToFields(choices('improve', ['price', 'other'], '停车'))).toEqual({
			q_improve: ['price', 'other'],
			'q_improve-other': ['停车']
		});
		expect(answerToFields(choices('improve', ['price']))).toEqual({ q_improve: ['price'] });
		expect(answerToRaw(yesNo('fixed', false))).toBe('no');
	});
});

describe('form field names', () => {
	// A question `reason` offering "other" and a question `reason_other` once shared the field
	// `q_reason_other`: a customer who chose "other" and wrote a comment could not submit.
	it('gives every input of a publishable questionnaire its own field name', () => {
		const def = definition(single('reason', ['price', 'quality'], { allowOther: true }), text('reason_other'));
		expect(definitionSchema.safeParse(def).success).toBe(true);
		const names = def.questions.flatMap((q) => [
			...(q.kind === 'section' ? [] : [fieldName(q.id)]),
			...((q.kind === 'single' || q.kind === 'multiple') && q.allowOther ? [otherFieldName(q.id)] : [])
		]);
		expect(new Set(names).size).toBe(names.length);
		const posted = { q_reason: ['other'], [otherFieldName('reason')]: ['太贵'], q_reason_other: ['下次再来'] };
		expect(parseSubmission(def, posted)).toEqual({
			ok: true,
			answers: [
				{ questionId: 'reason', yesNo: null, number: null, choices: ['other'], text: '太贵' },
				{ questionId: 'reason_other', yesNo: null, number: null, choices: null, text: '下次再来' }
			]
		});
	});
});
