import { describe, expect, it } from 'vitest';
import { applyTextEdits, textFieldName } from '$lib/domain/questionnaire/edit-texts';
import { carDealerAftersales } from '$lib/domain/templates/car-dealer-aftersales';
import { LOCALES } from '$lib/domain/locale';

const draft = carDealerAftersales.definition;

/** The form the editor posts when nothing was changed. */
function unchangedForm(): Record<string, string> {
	const form: Record<string, string> = { title: '回访' };
	for (const q of draft.questions) {
		for (const field of ['text', 'agentText', 'preparedResponse'] as const) {
			if (!(field in q)) continue;
			for (const locale of LOCALES) {
				form[textFieldName(q.id, field, locale)] = (q as unknown as Record<string, Record<string, string>>)[field]![locale]!;
			}
		}
	}
	return form;
}

describe('applyTextEdits', () => {
	it('rewords a question and keeps everything else', () => {
		const form = unchangedForm();
		form[textFieldName('received_promptly', 'text', 'zh-CN')] = '  新的问法？ ';
		const result = applyTextEdits(draft, form);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.definition.questions[0]!.text['zh-CN']).toBe('新的问法？');
		expect(result.definition.questions.slice(1)).toEqual(draft.questions.slice(1));
		expect(result.title).toBe('回访');
	});

	it('names each emptied or oversized field, and the title', () => {
		const form = unchangedForm();
		form.title = '';
		form[textFieldName('fixed_first_time', 'preparedResponse', 'en')] = ' ';
		form[textFieldName('comment', 'text', 'zh-CN')] = 'x'.repeat(2001);
		const result = applyTextEdits(draft, form);
		expect(result).toEqual({
			ok: false,
			errors: {
				title: 'required',
				'preparedResponse.fixed_first_time.en': 'required',
				'text.comment.zh-CN': 'too_long'
			}
		});
	});

	it('does not let a form add texts a question kind does not have', () => {
		const form = unchangedForm();
		form[textFieldName('comment', 'preparedResponse', 'zh-CN')] = '注入';
		const result = applyTextEdits(draft, form);
		expect(result.ok).toBe(true);
		if (result.ok) expect('preparedResponse' in result.definition.questions.at(-1)!).toBe(false);
	});
});
