import { describe, expect, it } from 'vitest';
import { missingRequired, outcomeProblem, positionAfter, suggestedOutcome } from '$lib/domain/calls/script';
import { carDealerAftersales } from '$lib/domain/templates/car-dealer-aftersales';
import { newCallSchema } from '$lib/domain/calls/new-call';

const def = carDealerAftersales.definition;
const required = def.questions.filter((q) => q.required).map((q) => q.id);

describe('call script rules', () => {
	it('lists required questions still unanswered, in script order', () => {
		expect(missingRequired(def, new Set())).toEqual(required);
		expect(missingRequired(def, new Set(required))).toEqual([]);
	});

	it('proposes completed only when every required question is answered', () => {
		expect(suggestedOutcome(def, new Set(required))).toBe('completed');
		expect(suggestedOutcome(def, new Set(required.slice(1)))).toBe('partial');
	});

	it('refuses completed with gaps and partial with nothing; other outcomes always fit', () => {
		expect(outcomeProblem('completed', def, new Set(['received_promptly']))).toBe('required_missing');
		expect(outcomeProblem('partial', def, new Set())).toBe('nothing_answered');
		expect(outcomeProblem('partial', def, new Set(['received_promptly']))).toBeNull();
		expect(outcomeProblem('no_answer', def, new Set())).toBeNull();
		expect(outcomeProblem('call_back_later', def, new Set())).toBeNull();
	});

	it('moves to the recap after the last question', () => {
		expect(positionAfter(def, 0)).toBe(1);
		expect(positionAfter(def, def.questions.length - 1)).toBe('recap');
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
