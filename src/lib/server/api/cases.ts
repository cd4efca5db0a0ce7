import { sql } from 'kysely';
import { z } from 'zod';
import 'zod-openapi';
import type { Db } from '../db';
import { LOCALES, localize, type Locale, type Localized } from '../../domain/locale';
import { CHURN_CAUSES } from '../../domain/questionnaire/definition';
import { CASE_STATES } from '../../domain/follow-ups/states';
import { EVENT_KINDS } from '../follow-ups/events';
import { ApiProblem } from './problem';
import { decodeCursor, encodeCursor } from './cursor';
import { defineRoute } from './route';

const iso = z.iso.datetime({ offset: true });
const isoOrNull = iso.nullable();

export const caseParams = z.object({ id: z.uuid().meta({ description: 'The case id' }) });

const caseSchema = z
	.object({
		id: z.uuid(),
		state: z.enum(CASE_STATES),
		cause: z.enum(CHURN_CAUSES).meta({ description: 'Churn cause of the first “no” that opened the case' }),
		tier: z.string().nullable(),
		team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
		owner: z.object({ id: z.uuid(), name: z.string(), agentCode: z.string().nullable() }).nullable(),
		contact: z.object({ id: z.uuid(), name: z.string(), externalId: z.string().nullable(), phone: z.string().nullable() }).nullable(),
		questionnaire: z.object({ id: z.uuid(), title: z.string() }),
		campaignId: z.uuid().nullable(),
		responseId: z.uuid().meta({ description: 'The response whose answers opened the case' }),
		openedAt: iso,
		firstActionDue: iso,
		resolveDue: iso,
		firstActionAt: isoOrNull,
		resolvedAt: isoOrNull,
		informedAt: isoOrNull,
		closedAt: isoOrNull,
		reopenCount: z.number().int(),
		escalation: z.number().int().meta({ description: '0 none, 1 the team lead was told, 2 supervisors were told' }),
		updatedAt: iso.meta({ description: 'Time of the latest timeline entry' })
	})
	.meta({ id: 'Case' });

const itemSchema = z
	.object({
		questionId: z.string(),
		kind: z.enum(['key', 'rating', 'nps']),
		cause: z.enum(CHURN_CAUSES),
		question: z.string().meta({ description: 'The question text in the requested locale' }),
		answerNumber: z.number().int().nullable().meta({ description: 'The rating or NPS score; null for a key question’s “no”' }),
		why: z.string().nullable().meta({ description: 'What the customer said about it' }),
		note: z.string().nullable().meta({ description: 'The agent’s note' }),
		preparedResponse: z.string().nullable()
	})
	.meta({ id: 'CaseItem' });

const timelineSchema = z
	.object({
		id: z.uuid(),
		at: iso,
		kind: z.enum(EVENT_KINDS),
		body: z.string().nullable().meta({ description: 'A comment, a resolution, what the customer was told, or the reason for won’t fix' }),
		detail: z.record(z.string(), z.unknown()),
		user: z.object({ id: z.uuid(), name: z.string() }).nullable().meta({ description: 'null for the system (opening, escalation, scheduling)' })
	})
	.meta({ id: 'CaseTimelineEntry' });

export const caseDetailSchema = caseSchema
	.extend({ items: z.array(itemSchema).meta({ description: 'The answers that opened the case' }), timeline: z.array(timelineSchema) })
	.meta({ id: 'CaseDetail' });

const page = z
	.object({
		data: z.array(caseSchema),
		nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page; null on the last page' })
	})
	.meta({ id: 'CasePage' });

const listQuery = z.object({
	since: iso.optional().meta({ description: 'Only cases updated at or after this moment' }),
	cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' }),
	limit: z.coerce.number().int().min(1).max(200).default(50),
	state: z.enum(CASE_STATES).optional(),
	cause: z.enum(CHURN_CAUSES).optional(),
	team: z.uuid().optional().meta({ description: 'Only cases of this follow-up team' })
});

const detailQuery = z.object({
	locale: z.enum(LOCALES).optional().meta({ description: 'Language of question texts; default from Accept-Language' })
});

function cases(db: Db) {
	return db
		.selectFrom('follow_ups as f')
		.innerJoin('questionnaires as q', 'q.id', 'f.questionnaire_id')
		.leftJoin('contacts as k', 'k.id', 'f.contact_id')
		.leftJoin('users as o', 'o.id', 'f.owner_id')
		.leftJoin('follow_up_teams as t', 't.id', 'f.team_id')
		.selectAll('f')
		.select(['q.title', 'k.name as contact_name', 'k.external_id', 'k.phone', 'o.display_name as owner_name', 'o.agent_code', 't.name as team_name'])
		// The exact stored time (microseconds), so the cursor never skips or repeats a row.
		.select(sql<string>`f.updated_at::text`.as('updated_text'));
}

type CaseRow = Awaited<ReturnType<ReturnType<typeof cases>['executeTakeFirstOrThrow']>>;

const at = (d: Date | string) => new Date(d).toISOString();
const atOrNull = (d: Date | string | null) => (d ? at(d) : null);

function caseView(r: CaseRow): z.input<typeof caseSchema> {
	return {
		id: r.id,
		state: r.state,
		cause: r.cause,
		tier: r.tier,
		team: r.team_id && r.team_name !== null ? { id: r.team_id, name: r.team_name } : null,
		owner: r.owner_id && r.owner_name !== null ? { id: r.owner_id, name: r.owner_name, agentCode: r.agent_code } : null,
		contact: r.contact_id && r.contact_name !== null ? { id: r.contact_id, name: r.contact_name, externalId: r.external_id, phone: r.phone } : null,
		questionnaire: { id: r.questionnaire_id, title: r.title },
		campaignId: r.campaign_id,
		responseId: r.response_id,
		openedAt: at(r.opened_at),
		firstActionDue: at(r.first_action_due),
		resolveDue: at(r.resolve_due),
		firstActionAt: atOrNull(r.first_action_at),
		resolvedAt: atOrNull(r.resolved_at),
		informedAt: atOrNull(r.informed_at),
		closedAt: atOrNull(r.closed_at),
		reopenCount: r.reopen_count,
		escalation: r.escalation,
		updatedAt: at(r.updated_at)
	};
}

/** One case with its items and timeline as the API shows it; null when there is no such case. */
export async function caseForApi(db: Db, id: string, locale: Locale): Promise<z.input<typeof caseDetailSchema> | null> {
	const row = await cases(db).where('f.id', '=', id).executeTakeFirst();
	if (!row) return null;
	const [items, timeline] = await Promise.all([
		db.selectFrom('follow_up_items').selectAll().where('follow_up_id', '=', id).orderBy('position').execute(),
		db
			.selectFrom('follow_up_events as e')
			.leftJoin('users as u', 'u.id', 'e.user_id')
			.select(['e.id', 'e.at', 'e.kind', 'e.body', 'e.detail', 'e.user_id', 'u.display_name'])
			.where('e.follow_up_id', '=', id)
			.orderBy('e.at')
			.orderBy('e.id')
			.execute()
	]);
	return {
		...caseView(row),
		items: items.map((i) => ({
			questionId: i.question_id,
			kind: i.kind,
			cause: i.cause,
			question: localize(i.question_text as Localized, locale),
			answerNumber: i.answer_number,
			why: i.why_text,
			note: i.note,
			preparedResponse: i.prepared_response ? localize(i.prepared_response as Localized, locale) : null
		})),
		timeline: timeline.map((e) => ({
			id: e.id,
			at: at(e.at),
			kind: e.kind as (typeof EVENT_KINDS)[number],
			body: e.body,
			detail: e.detail,
			user: e.user_id && e.display_name !== null ? { id: e.user_id, name: e.display_name } : null
		}))
	};
}

export const listCasesRoute = defineRoute({
	method: 'GET',
	path: '/api/v1/cases',
	operationId: 'listCases',
	tag: 'cases',
	summary: 'Follow-up cases, least recently updated first, paged by cursor',
	description:
		'Every case, whoever owns it (a token reads what an administrator granted it). Pass `since` with the time of your last sync to get the cases changed since; a case changed while you page comes again on a later page.',
	scope: ['cases', 'read'],
	query: listQuery,
	response: page,
	async run({ db, query }) {
		let q = cases(db)
			.orderBy('f.updated_at')
			.orderBy('f.id')
			.limit(query.limit + 1);
		if (query.since) q = q.where('f.updated_at', '>=', new Date(query.since));
		if (query.state) q = q.where('f.state', '=', query.state);
		if (query.cause) q = q.where('f.cause', '=', query.cause);
		if (query.team) q = q.where('f.team_id', '=', query.team);
		if (query.cursor) {
			const [updated, id] = decodeCursor(query.cursor);
			q = q.where(sql<boolean>`(f.updated_at, f.id) > (${updated}::timestamptz, ${id}::uuid)`);
		}
		const rows = await q.execute();
		const pageRows = rows.slice(0, query.limit);
		const last = pageRows.at(-1);
		return {
			data: pageRows.map(caseView),
			nextCursor: rows.length > query.limit && last ? encodeCursor(last.updated_text, last.id) : null
		};
	}
});

export const getCaseRoute = defineRoute({
	method: 'GET',
	path: '/api/v1/cases/{id}',
	operationId: 'getCase',
	tag: 'cases',
	summary: 'One case with the answers that opened it and its timeline',
	scope: ['cases', 'read'],
	params: caseParams,
	query: detailQuery,
	response: caseDetailSchema,
	async run({ db, params, query, locale }) {
		const found = await caseForApi(db, params.id, query.locale ?? locale);
		if (!found) throw new ApiProblem(404, 'not_found');
		return found;
	}
});
