import { z } from 'zod';
import { LOCALES } from '../locale';
import { unknownPlaceholders } from './piping';
import { logicProblems } from './logic-rules';
import { OTHER } from './values';

export { OTHER, scaleOf, scaleValues, ruleValuesOf } from './values';

export const CHURN_CAUSES = ['service', 'quality', 'price', 'supply', 'other'] as const;
export type ChurnCause = (typeof CHURN_CAUSES)[number];

export const QUESTION_KINDS = ['key', 'rating', 'nps', 'single', 'multiple', 'text', 'section'] as const;

export const MAX_TEXT = 2000;
export const MAX_QUESTIONS = 100;
export const MAX_OPTIONS = 20;

// Texts are always rendered escaped; markup that tries to run is still refused at the door.
const SCRIPT_TAG = /<\s*\/?\s*script\b/i;
const publishableText = z
	.string()
	.trim()
	.min(1, 'required')
	.max(MAX_TEXT, 'too_long')
	.refine((v) => !SCRIPT_TAG.test(v), 'script_not_allowed')
	.refine((v) => unknownPlaceholders(v).length === 0, 'unknown_placeholder');
/** A draft may hold texts not written yet; publishing checks them (see `publishProblems`). */
const draftText = z.string().max(MAX_TEXT, 'too_long');

const questionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'invalid_question_id');
const optionId = z
	.string()
	.regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'invalid_option_id')
	.refine((v) => v !== OTHER, 'reserved_option_id');
/** An answer value a rule compares with: yes/no, a scale number, or an option id. */
const ruleValue = z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'invalid');

/** Show a question only when an earlier question's answer is one of `anyOf`. */
export const conditionSchema = z.strictObject({
	question: questionId,
	anyOf: z.array(ruleValue).min(1, 'required').max(MAX_OPTIONS + 11, 'too_many')
});

function schemasFor(text: typeof publishableText | typeof draftText, minOptions: number) {
	const localized = z.strictObject(
		Object.fromEntries(LOCALES.map((l) => [l, text])) as Record<(typeof LOCALES)[number], typeof text>
	);
	const common = {
		id: questionId,
		text: localized,
		/** Shown under the question to the customer and the agent. */
		help: localized.optional(),
		showIf: conditionSchema.optional()
	};
	const answerable = { ...common, required: z.boolean() };
	/** End the questionnaire right after this question when its answer is one of these. */
	const endIf = z.array(ruleValue).min(1, 'required').max(MAX_OPTIONS + 1, 'too_many').optional();
	const options = z
		.array(z.strictObject({ id: optionId, text: localized }))
		.min(minOptions, 'too_few_options')
		.max(MAX_OPTIONS, 'too_many_options');

	const key = z.strictObject({
		...answerable,
		kind: z.literal('key'),
		cause: z.enum(CHURN_CAUSES),
		/** What the agent reads aloud; may differ from the written text. */
		agentText: localized,
		/** What the agent answers on the spot when the customer says "no". */
		preparedResponse: localized,
		endIf
	});
	const question = z.discriminatedUnion('kind', [
		key,
		z.strictObject({ ...answerable, kind: z.literal('rating') }),
		z.strictObject({ ...answerable, kind: z.literal('nps') }),
		z.strictObject({ ...answerable, kind: z.literal('single'), options, allowOther: z.boolean(), endIf }),
		z.strictObject({ ...answerable, kind: z.literal('multiple'), options, allowOther: z.boolean() }),
		z.strictObject({ ...answerable, kind: z.literal('text') }),
		// Intro or section text: read out or shown, never answered.
		z.strictObject({ ...common, kind: z.literal('section'), required: z.literal(false).default(false) })
	]);
	return { localized, key, question };
}

const publishable = schemasFor(publishableText, 2);
const draft = schemasFor(draftText, 0);

/** A text in every supported language: {"zh-CN": "…", "en": "…"}. */
export const localizedSchema = publishable.localized;
export const keyQuestionSchema = publishable.key;
export const questionSchema = publishable.question;

function uniqueIds(questions: { id: string; options?: { id: string }[] }[], ctx: z.RefinementCtx) {
	const seen = new Set<string>();
	questions.forEach((q, i) => {
		if (seen.has(q.id)) ctx.addIssue({ code: 'custom', message: 'duplicate_question_id', path: ['questions', i, 'id'] });
		seen.add(q.id);
		const options = new Set<string>();
		q.options?.forEach((o, j) => {
			if (options.has(o.id)) {
				ctx.addIssue({ code: 'custom', message: 'duplicate_option_id', path: ['questions', i, 'options', j, 'id'] });
			}
			options.add(o.id);
		});
	});
}

/** A questionnaire that can be published, imported or answered: every text written, logic sound. */
export const definitionSchema = z
	.strictObject({
		schemaVersion: z.literal(1),
		intro: publishable.localized,
		thanks: publishable.localized,
		questions: z.array(publishable.question).min(1, 'no_questions').max(MAX_QUESTIONS, 'too_many_questions')
	})
	.superRefine((def, ctx) => {
		uniqueIds(def.questions, ctx);
		for (const problem of logicProblems(def.questions)) ctx.addIssue({ code: 'custom', ...problem });
	});

/** A draft being edited: the same shape, but texts may be empty and logic unfinished until publishing. */
export const draftSchema = z.strictObject({
	schemaVersion: z.literal(1),
	intro: draft.localized,
	thanks: draft.localized,
	questions: z.array(draft.question).max(MAX_QUESTIONS, 'too_many_questions')
}).superRefine((def, ctx) => uniqueIds(def.questions, ctx));

export type Definition = z.infer<typeof definitionSchema>;
export type Question = Definition['questions'][number];
export type KeyQuestion = z.infer<typeof keyQuestionSchema>;
export type QuestionKind = Question['kind'];
export type Condition = z.infer<typeof conditionSchema>;
export type ChoiceQuestion = Extract<Question, { kind: 'single' | 'multiple' }>;

export function parseDefinition(input: unknown): Definition {
	return definitionSchema.parse(input);
}

/** One reason a draft cannot be published, tied to the question it concerns. */
export interface PublishProblem {
	questionId: string | null;
	/** Where in the definition, e.g. `questions.3.text.en`. */
	path: string;
	problem: string;
}

/** Everything that keeps a draft from being published; empty when it can be. */
export function publishProblems(draftDefinition: Definition): PublishProblem[] {
	const parsed = definitionSchema.safeParse(draftDefinition);
	if (parsed.success) return [];
	return parsed.error.issues.map((issue) => {
		const index = issue.path[0] === 'questions' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
		return {
			questionId: index === null ? null : (draftDefinition.questions[index]?.id ?? null),
			path: issue.path.join('.'),
			problem: /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid'
		};
	});
}
