import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffDefinitions, isEmptyDiff } from '$lib/domain/questionnaire/diff';
import { carDealerAftersales } from '$lib/domain/templates/car-dealer-aftersales';
import { bank } from '$lib/domain/templates/bank';

const base = carDealerAftersales.definition;

describe('diffDefinitions', () => {
	it('finds nothing between a definition and itself', () => {
		expect(isEmptyDiff(diffDefinitions(base, structuredClone(base)))).toBe(true);
	});

	it('names added, removed and reworded questions by id, with the changed fields', () => {
		const next = structuredClone(base);
		next.questions[0]!.text.en = 'Reworded';
		next.questions[1]!.required = false;
		next.questions.splice(2, 1);
		next.questions.push({ ...structuredClone(base.questions[8]!), id: 'second_comment' });
		expect(diffDefinitions(base, next)).toEqual({
			added: ['second_comment'],
			removed: ['fixed_first_time'],
			changed: [
				{ id: 'received_promptly', fields: ['text.en'] },
				{ id: 'charges_explained', fields: ['required'] }
			],
			reordered: false
		});
	});

	it('notices a new order of the same questions', () => {
		const next = structuredClone(base);
		next.questions.reverse();
		expect(diffDefinitions(base, next)).toMatchObject({ added: [], removed: [], changed: [], reordered: true });
	});

	it('is symmetric in what it adds and removes', () => {
		const a = diffDefinitions(base, bank.definition);
		const b = diffDefinitions(bank.definition, base);
		expect(a.added.sort()).toEqual(b.removed.sort());
		expect(a.removed.sort()).toEqual(b.added.sort());
	});

	it('reports exactly the questions whose text was edited', () => {
		fc.assert(
			fc.property(fc.subarray(base.questions.map((_, i) => i)), (edited) => {
				const next = structuredClone(base);
				for (const i of edited) next.questions[i]!.text['zh-CN'] += '（改）';
				const diff = diffDefinitions(base, next);
				expect(diff.changed.map((c) => c.id)).toEqual(edited.map((i) => base.questions[i]!.id));
			})
		);
	});
});
