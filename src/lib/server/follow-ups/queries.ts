import { z } from 'zod';
import { sql } from 'kysely';
import type { Db } from '../db';
import { CHURN_CAUSES } from '../../domain/questionnaire/definition';
import { CASE_STATES, OPEN_STATES } from '../../domain/follow-ups/states';
import { seesAll, type Viewer } from './access';
import { overdueAt } from './escalation';

export const SCOPES = ['mine', 'team', 'all'] as const;
export type Scope = (typeof SCOPES)[number];
export const CASES_PAGE_SIZE = 100;

const optional = <T extends z.ZodType<unknown, string>>(schema: T) =>
	z
		.string()
		.optional()
		.transform((v) => (v ? v : undefined))
		.pipe(schema.optional());
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const caseFilterSchema = z.object({
	scope: z.enum(SCOPES).catch('mine'),
	state: optional(z.enum([...CASE_STATES, 'active'])).catch(undefined),
	cause: optional(z.enum(CHURN_CAUSES)).catch(undefined),
	overdue: z
		.string()
		.optional()
		.transform((v) => v === '1'),
	tier: optional(z.string().max(20)).catch(undefined),
	questionnaire: optional(z.uuid()).catch(undefined),
	campaign: optional(z.uuid()).catch(undefined),
	owner: optional(z.uuid()).catch(undefined),
	from: optional(date).catch(undefined),
	to: optional(date).catch(undefined)
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;

/** The cases a viewer may list, by scope: their own, their teams', or all (supervisors and admins). */
export async function listCases(db: Db, viewer: Viewer, f: CaseFilter, now: Date, timeZone: string) {
	const scope: Scope = f.scope === 'all' && !seesAll(viewer) ? 'team' : f.scope;
	let q = db
		.selectFrom('follow_ups')
		.leftJoin('contacts as k', 'k.id', 'follow_ups.contact_id')
		.leftJoin('users as o', 'o.id', 'follow_ups.owner_id')
		.leftJoin('follow_up_teams as t', 't.id', 'follow_ups.team_id')
		.innerJoin('questionnaires as q', 'q.id', 'follow_ups.questionnaire_id')
		.select([
			'follow_ups.id',
			'follow_ups.state',
			'follow_ups.cause',
			'follow_ups.tier',
			'follow_ups.opened_at',
			'follow_ups.first_action_due',
			'follow_ups.resolve_due',
			'follow_ups.reopen_count',
			'follow_ups.escalation',
			'k.name as contact_name',
			'o.display_name as owner_name',
			't.name as team_name',
			'q.title as questionnaire_title',
			overdueAt(now).as('overdue'),
			(eb) => eb.selectFrom('follow_up_items as i').select((e) => e.fn.countAll<string>().as('n')).whereRef('i.follow_up_id', '=', 'follow_ups.id').as('items')
		]);
	if (scope === 'mine') q = q.where('follow_ups.owner_id', '=', viewer.id);
	if (scope === 'team' || !seesAll(viewer)) {
		q = q.where((eb) =>
			eb.or([
				eb('follow_ups.team_id', 'in', eb.selectFrom('follow_up_team_members').select('team_id').where('user_id', '=', viewer.id)),
				eb('follow_ups.owner_id', '=', viewer.id)
			])
		);
	}
	if (f.state === 'active' || (!f.state && scope !== 'all')) q = q.where('follow_ups.state', 'in', OPEN_STATES);
	else if (f.state) q = q.where('follow_ups.state', '=', f.state);
	if (f.cause) q = q.where('follow_ups.cause', '=', f.cause);
	if (f.overdue) q = q.where(overdueAt(now));
	if (f.tier) q = q.where('follow_ups.tier', '=', f.tier);
	if (f.questionnaire) q = q.where('follow_ups.questionnaire_id', '=', f.questionnaire);
	if (f.campaign) q = q.where('follow_ups.campaign_id', '=', f.campaign);
	if (f.owner) q = q.where('follow_ups.owner_id', '=', f.owner);
	if (f.from) q = q.where(sql<boolean>`(follow_ups.opened_at at time zone ${timeZone})::date >= ${f.from}::date`);
	if (f.to) q = q.where(sql<boolean>`(follow_ups.opened_at at time zone ${timeZone})::date <= ${f.to}::date`);
	const rows = await q
		.orderBy(sql`case when follow_ups.state = 'open' then follow_ups.first_action_due else follow_ups.resolve_due end`)
		.orderBy('follow_ups.id')
		.limit(CASES_PAGE_SIZE)
		.execute();
	return { scope, rows: rows.map((r) => ({ ...r, items: Number(r.items), due: r.state === 'open' ? r.first_action_due : r.resolve_due })) };
}

/** Choices for the list's filters: questionnaires and campaigns that have cases, and possible owners. */
export async function filterChoices(db: Db) {
	const [questionnaires, campaigns, owners] = await Promise.all([
		db
			.selectFrom('questionnaires as q')
			.select(['q.id', 'q.title'])
			.where((eb) => eb.exists(eb.selectFrom('follow_ups').select('id').whereRef('follow_ups.questionnaire_id', '=', 'q.id')))
			.orderBy('q.title')
			.execute(),
		db
			.selectFrom('campaigns as c')
			.select(['c.id', 'c.name'])
			.where((eb) => eb.exists(eb.selectFrom('follow_ups').select('id').whereRef('follow_ups.campaign_id', '=', 'c.id')))
			.orderBy('c.name')
			.execute(),
		db
			.selectFrom('users as u')
			.select(['u.id', 'u.display_name'])
			.where((eb) => eb.exists(eb.selectFrom('follow_up_team_members as m').select('m.user_id').whereRef('m.user_id', '=', 'u.id')))
			.orderBy('u.display_name')
			.execute()
	]);
	return { questionnaires, campaigns, owners };
}

/** Everything the case page shows (the caller has checked that the viewer may see it). */
export async function caseDetail(db: Db, caseId: string) {
	const c = await db
		.selectFrom('follow_ups as f')
		.leftJoin('contacts as k', 'k.id', 'f.contact_id')
		.leftJoin('users as o', 'o.id', 'f.owner_id')
		.leftJoin('users as a', 'a.id', 'f.first_agent_id')
		.leftJoin('follow_up_teams as t', 't.id', 'f.team_id')
		.innerJoin('questionnaires as q', 'q.id', 'f.questionnaire_id')
		.leftJoin('campaigns as cp', 'cp.id', 'f.campaign_id')
		.selectAll('f')
		.select([
			'k.name as contact_name',
			'k.phone as contact_phone',
			'k.email as contact_email',
			'k.external_id as contact_external_id',
			'o.display_name as owner_name',
			'a.display_name as first_agent_name',
			't.name as team_name',
			't.lead_id',
			'q.title as questionnaire_title',
			'cp.name as campaign_name'
		])
		.where('f.id', '=', caseId)
		.executeTakeFirst();
	if (!c) return null;
	const [items, timeline, earlier, members] = await Promise.all([
		db.selectFrom('follow_up_items').selectAll().where('follow_up_id', '=', caseId).orderBy('position').execute(),
		db
			.selectFrom('follow_up_events as e')
			.leftJoin('users as u', 'u.id', 'e.user_id')
			.select(['e.id', 'e.at', 'e.kind', 'e.body', 'e.detail', 'u.display_name as user_name'])
			.where('e.follow_up_id', '=', caseId)
			.orderBy('e.at')
			.orderBy('e.id')
			.execute(),
		c.contact_id
			? db
					.selectFrom('follow_ups as f')
					.innerJoin('questionnaires as q', 'q.id', 'f.questionnaire_id')
					.select(['f.id', 'f.state', 'f.cause', 'f.opened_at', 'q.title'])
					.where('f.contact_id', '=', c.contact_id)
					.where('f.id', '!=', caseId)
					.orderBy('f.opened_at', 'desc')
					.limit(20)
					.execute()
			: Promise.resolve([]),
		c.team_id
			? db
					.selectFrom('follow_up_team_members as m')
					.innerJoin('users as u', 'u.id', 'm.user_id')
					.select(['u.id', 'u.display_name'])
					.where('m.team_id', '=', c.team_id)
					.orderBy('u.display_name')
					.execute()
			: Promise.resolve([])
	]);
	return { case: c, items, timeline, earlier, members };
}
