import { sql } from 'kysely';
import { z } from 'zod';
import 'zod-openapi';
import { LOCALES, localize, type Locale } from '../../domain/locale';
import { definitionSchema, type Definition, CHURN_CAUSES } from '../../domain/questionnaire/definition';
import { answerText } from '../../domain/questionnaire/answer-text';
import { text } from './problem';
import { decodeCursor, encodeCursor } from './cursor';
import { defineRoute } from './route';

const query = z.object({
	since: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only responses submitted at or after this moment' }),
	cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' }),
	limit: z.coerce.number().int().min(1).max(200).default(50),
	locale: z.enum(LOCALES).optional().meta({ description: 'Language of question texts and labels; default from Accept-Language' }),
	questionnaireId: z.uuid().optional()
});

const answerSchema = z
	.object({
		questionId: z.string(),
		kind: z.string(),
		question: z.string().meta({ description: 'The question text in the requested locale' }),
		cause: z.enum(CHURN_CAUSES).nullable().meta({ description: 'Churn cause of a key question' }),
		yesNo: z.boolean().nullable(),
		number: z.number().int().nullable(),
		choices: z.array(z.string()).nullable(),
		text: z.string().nullable(),
		label: z.string().meta({ description: 'The answer as a reader sees it: yes/no in words, options by their text' })
	})
	.meta({ id: 'Answer' });

const responseSchema = z
	.object({
		id: z.uuid(),
		questionnaireId: z.uuid(),
		questionnaireTitle: z.string(),
		version: z.number().int(),
		channel: z.enum(['web', 'phone']),
		status: z.enum(['completed', 'partial']),
		submittedAt: z.iso.datetime({ offset: true }),
		campaignId: z.uuid().nullable(),
		contact: z.object({ id: z.uuid(), externalId: z.string().nullable(), phone: z.string().nullable() }).nullable(),
		answers: z.array(answerSchema)
	})
	.meta({ id: 'Response' });

const page = z
	.object({
		data: z.array(responseSchema),
		nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page; null on the last page' })
	})
	.meta({ id: 'ResponsePage' });

export const listResponses = defineRoute({
	method: 'GET',
	path: '/api/v1/responses',
	operationId: 'listResponses',
	tag: 'responses',
	summary: 'Submitted responses, oldest first, paged by cursor',
	description: 'Completed and partial responses with their answers, question texts and option labels in the requested locale.',
	scope: ['responses', 'read'],
	query,
	response: page,
	async run({ db, query, locale: acceptLocale }) {
		const locale: Locale = query.locale ?? acceptLocale;
		let q = db
			.selectFrom('responses as r')
			.innerJoin('questionnaire_versions as v', 'v.id', 'r.version_id')
			.innerJoin('questionnaires as q', 'q.id', 'r.questionnaire_id')
			.leftJoin('contacts as k', 'k.id', 'r.contact_id')
			.select(['r.id', 'r.questionnaire_id', 'q.title', 'v.number', 'r.version_id', 'r.channel', 'r.status', 'r.submitted_at', 'r.campaign_id'])
			.select(['k.id as contact_id', 'k.external_id', 'k.phone'])
			// The exact stored time (microseconds), so the cursor never skips or repeats a row.
			.select(sql<string>`r.submitted_at::text`.as('at'))
			.where('r.status', 'in', ['completed', 'partial'])
			.where('r.submitted_at', 'is not', null)
			.orderBy('r.submitted_at')
			.orderBy('r.id')
			.limit(query.limit + 1);
		if (query.since) q = q.where('r.submitted_at', '>=', new Date(query.since));
		if (query.questionnaireId) q = q.where('r.questionnaire_id', '=', query.questionnaireId);
		if (query.cursor) {
			const [at, id] = decodeCursor(query.cursor);
			q = q.where(sql<boolean>`(r.submitted_at, r.id) > (${at}::timestamptz, ${id}::uuid)`);
		}
		const rows = await q.execute();
		const more = rows.length > query.limit;
		const pageRows = rows.slice(0, query.limit);
		const ids = pageRows.map((r) => r.id);
		const versionIds = [...new Set(pageRows.map((r) => r.version_id))];
		const [answers, versions] = ids.length
			? await Promise.all([
					db.selectFrom('answers').select(['response_id', 'question_id', 'yes_no', 'number', 'choices', 'text']).where('response_id', 'in', ids).execute(),
					db.selectFrom('questionnaire_versions').select(['id', 'definition']).where('id', 'in', versionIds).execute()
				])
			: [[], []];
		const definitions = new Map<string, Definition>(versions.map((v) => [v.id, definitionSchema.parse(v.definition)]));
		const words = {
			yes: text('api_answer_yes', locale),
			no: text('api_answer_no', locale),
			other: (t: string) => text('api_answer_other', locale, { text: t }),
			list: (items: string[]) => items.join(locale === 'en' ? ', ' : '、')
		};
		return {
			data: pageRows.map((r) => {
				const definition = definitions.get(r.version_id)!;
				const order = new Map(definition.questions.map((question, i) => [question.id, i]));
				return {
					id: r.id,
					questionnaireId: r.questionnaire_id,
					questionnaireTitle: r.title,
					version: r.number,
					channel: r.channel,
					status: r.status as 'completed' | 'partial',
					submittedAt: new Date(r.submitted_at!).toISOString(),
					campaignId: r.campaign_id,
					contact: r.contact_id ? { id: r.contact_id, externalId: r.external_id, phone: r.phone } : null,
					answers: answers
						.filter((a) => a.response_id === r.id)
						.sort((a, b) => (order.get(a.question_id) ?? 999) - (order.get(b.question_id) ?? 999))
						.map((a) => {
							const question = definition.questions.find((x) => x.id === a.question_id);
							const options = question && 'options' in question ? question.options : [];
							const value = { questionId: a.question_id, yesNo: a.yes_no, number: a.number, choices: a.choices, text: a.text };
							return {
								...value,
								kind: question?.kind ?? 'unknown',
								question: question ? localize(question.text, locale) : a.question_id,
								cause: question?.kind === 'key' ? question.cause : null,
								label: answerText(value, (id) => {
									const option = options.find((o) => o.id === id);
									return option ? localize(option.text, locale) : undefined;
								}, words)
							};
						})
				};
			}),
			nextCursor: more ? encodeCursor(pageRows.at(-1)!.at, pageRows.at(-1)!.id) : null
		};
	}
});
