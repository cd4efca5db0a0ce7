import { z } from 'zod';
import { LOCALES } from '../locale';
import { unknownPlaceholders } from './piping';

export const CHURN_CAUSES = ['service', 'quality', 'price', 'supply', 'other'] as const;
export type ChurnCause = (typeof CHURN_CAUSES)[number];

export const MAX_TEXT = 2000;
export const MAX_QUESTIONS = 100;

// Texts are always rendered escaped; markup that tries to run is still refused at the door.
const SCRIPT_TAG = /<\s*\/?\s*script\b/i;
const text = z
	.string()
	.trim()
	.min(1, 'required')
	.max(MAX_TEXT, 'too_long')
	.refine((v) => !SCRIPT_TAG.test(v), 'script_not_allowed')
	.refine((v) => unknownPlaceholders(v).length === 0, 'unknown_placeholder');

/** A text in every supported language: {"zh-CN": "…", "en": "…"}. */
export const localizedSchema = z.strictObject(
	Object.fromEntries(LOCALES.map((l) => [l, text])) as Record<(typeof LOCALES)[number], typeof text>
);

const questionId = z
	.string()
	.regex(/^[a-z][a-z0-9_]{0,39}$/, 'invalid_question_id');

const base = {
	id: questionId,
	required: z.boolean(),
	text: localizedSchema
};

export const keyQuestionSchema = z.strictObject({
	...base,
	kind: z.literal('key'),
	cause: z.enum(CHURN_CAUSES),
	/** What the agent reads aloud; may differ from the written text. */
	agentText: localizedSchema,
	/** What the agent answers on the spot when the customer says "no". */
	preparedResponse: localizedSchema
});

export const ratingQuestionSchema = z.strictObject({ ...base, kind: z.literal('rating') });
export const npsQuestionSchema = z.strictObject({ ...base, kind: z.literal('nps') });
export const textQuestionSchema = z.strictObject({ ...base, kind: z.literal('text') });

export const questionSchema = z.discriminatedUnion('kind', [
	keyQuestionSchema,
	ratingQuestionSchema,
	npsQuestionSchema,
	textQuestionSchema
]);

export const definitionSchema = z
	.strictObject({
		schemaVersion: z.literal(1),
		intro: localizedSchema,
		thanks: localizedSchema,
		questions: z.array(questionSchema).min(1, 'no_questions').max(MAX_QUESTIONS, 'too_many_questions')
	})
	.superRefine((def, ctx) => {
		const seen = new Set<string>();
		def.questions.forEach((q, i) => {
			if (seen.has(q.id)) {
				ctx.addIssue({ code: 'custom', message: 'duplicate_question_id', path: ['questions', i, 'id'] });
			}
			seen.add(q.id);
		});
	});

export type Definition = z.infer<typeof definitionSchema>;
export type Question = z.infer<typeof questionSchema>;
export type KeyQuestion = z.infer<typeof keyQuestionSchema>;
export type QuestionKind = Question['kind'];

export function parseDefinition(input: unknown): Definition {
	return definitionSchema.parse(input);
}

/** The inclusive numeric range of a scale question. */
export function scaleOf(kind: 'rating' | 'nps'): { min: number; max: number } {
	return kind === 'rating' ? { min: 1, max: 5 } : { min: 0, max: 10 };
}

/** Every value a scale question offers, lowest first, as both channels list them. */
export function scaleValues(kind: 'rating' | 'nps'): number[] {
	const { min, max } = scaleOf(kind);
	return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}
