import { z } from 'zod';
import { LOCALES, type Locale } from '../locale';
import { definitionSchema, MAX_TEXT, type Definition } from './definition';

/** The texts an analyst may reword in a draft, per question and language. */
export const EDITABLE_FIELDS = ['text', 'agentText', 'preparedResponse'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const textFieldName = (questionId: string, field: EditableField, locale: Locale) =>
	`${field}.${questionId}.${locale}`;

const titleSchema = z.string().trim().min(1, 'required').max(200, 'too_long');
const textSchema = z.string().trim().min(1, 'required').max(MAX_TEXT, 'too_long');

export type TextEditResult =
	| { ok: true; title: string; definition: Definition }
	| { ok: false; errors: Record<string, string> };

/**
 * Applies a form of reworded texts to a draft. Only fields the question has are
 * read; the result is validated as a whole definition before it can be saved.
 */
export function applyTextEdits(draft: Definition, form: Record<string, string>): TextEditResult {
	const errors: Record<string, string> = {};
	const title = titleSchema.safeParse(form.title ?? '');
	if (!title.success) errors.title = title.error.issues[0]?.message ?? 'invalid';

	const questions = draft.questions.map((question) => {
		const next: Record<string, unknown> = { ...question };
		for (const field of EDITABLE_FIELDS) {
			if (!(field in question)) continue;
			const texts: Record<string, string> = {};
			for (const locale of LOCALES) {
				const name = textFieldName(question.id, field, locale);
				const parsed = textSchema.safeParse(form[name] ?? '');
				if (parsed.success) texts[locale] = parsed.data;
				else errors[name] = parsed.error.issues[0]?.message ?? 'invalid';
			}
			next[field] = texts;
		}
		return next;
	});
	if (Object.keys(errors).length > 0 || !title.success) return { ok: false, errors };
	const definition = definitionSchema.safeParse({ ...draft, questions });
	if (!definition.success) return { ok: false, errors: { form: 'invalid' } };
	return { ok: true, title: title.data, definition: definition.data };
}
