import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { answerToRaw, fieldName, parseAnswer, parseSubmission, type RawFields } from '$lib/domain/questionnaire/answers';
import { carDealerAftersales } from '$lib/domain/templates/car-dealer-aftersales';

const definition = carDealerAftersales.definition;
const question = (id: string) => definition.questions.find((q) => q.id === id)!;

/** A complete, valid submission of the 4S template. */
function completeForm(): RawFields {
	const form: RawFields = {};
	for (const q of definition.questions) {
		if (q.kind === 'key') form[fieldName(q.id)] = ['yes'];
		if (q.kind === 'rating') form[fieldName(q.id)] = ['4'];
	}
	return form;
}

describe('parseAnswer', () => {
	it('reads yes and no on a key question into the yes_no column', () => {
		expect(parseAnswer(question('received_promptly'), 'yes')).toEqual({
			value: { questionId: 'received_promptly', yesNo: true, number: null, choices: null, text: null }
		});
		expect(parseAnswer(question('received_promptly'), 'no')).toMatchObject({ value: { yesNo: false } });
	});

	it('treats an empty or blank answer as unanswered', () => {
		expect(parseAnswer(question('comment'), '   ')).toEqual({ value: null });
		expect(parseAnswer(question('recommend'), undefined)).toEqual({ value: null });
	});

	it('refuses values outside each scale', () => {
		expect(parseAnswer(question('overall_satisfaction'), '0')).toEqual({ error: 'invalid' });
		expect(parseAnswer(question('overall_satisfaction'), '6')).toEqual({ error: 'invalid' });
		expect(parseAnswer(question('recommend'), '11')).toEqual({ error: 'invalid' });
		expect(parseAnswer(question('recommend'), '-1')).toEqual({ error: 'invalid' });
		expect(parseAnswer(question('recommend'), '4.5')).toEqual({ error: 'invalid' });
		expect(parseAnswer(question('recommend'), '10')).toMatchObject({ value: { number: 10 } });
		expect(parseAnswer(question('received_promptly'), 'maybe')).toEqual({ error: 'invalid' });
	});

	it('refuses a comment over 2000 characters', () => {
		expect(parseAnswer(question('comment'), 'x'.repeat(2001))).toEqual({ error: 'too_long' });
	});
});

describe('parseSubmission', () => {
	it('accepts a complete submission with one answer per answered question', () => {
		const result = parseSubmission(definition, completeForm());
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.answers).toHaveLength(7);
	});

	it('names every required question left blank', () => {
		const form = completeForm();
		delete form[fieldName('charges_explained')];
		delete form[fieldName('overall_satisfaction')];
		const result = parseSubmission(definition, form);
		expect(result).toEqual({
			ok: false,
			errors: { charges_explained: 'required', overall_satisfaction: 'required' },
			unknownFields: []
		});
	});

	it('refuses answers to questions the version does not have', () => {
		const result = parseSubmission(definition, { ...completeForm(), q_injected: ['yes'] });
		expect(result).toMatchObject({ ok: false, unknownFields: ['q_injected'] });
	});

	it('ignores fields that are not answers (ids, tokens)', () => {
		expect(parseSubmission(definition, { ...completeForm(), submissionId: ['x'], versionId: ['y'] }).ok).toBe(true);
	});

	it('never throws, whatever a forged form contains', () => {
		// Keys mix real field names with anything at all, so forged values reach every question's parser.
		const names = fc.oneof(fc.string(), fc.constantFrom(...definition.questions.map((q) => fieldName(q.id))));
		fc.assert(
			fc.property(fc.dictionary(names, fc.array(fc.string({ maxLength: 3000 }), { maxLength: 3 })), (form) => {
				const result = parseSubmission(definition, form);
				expect(typeof result.ok).toBe('boolean');
			})
		);
	});

	it('round-trips every valid answer through answerToRaw', () => {
		const result = parseSubmission(definition, { ...completeForm(), q_recommend: ['7'], q_comment: ['很好'] });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		for (const answer of result.answers) {
			expect(parseAnswer(question(answer.questionId), answerToRaw(answer))).toEqual({ value: answer });
		}
	});
});
