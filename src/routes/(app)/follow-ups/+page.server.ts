import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { timeZone } from '$lib/server/config';
import { caseFilterSchema, filterChoices, listCases } from '$lib/server/follow-ups/queries';
import { requireCaseViewer } from '$lib/server/follow-ups/guard';
import { seesAll } from '$lib/server/follow-ups/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const db = getDb();
	const user = await requireCaseViewer(db, locals, url);
	const filter = caseFilterSchema.parse(Object.fromEntries(url.searchParams));
	const [list, choices] = await Promise.all([listCases(db, user, filter, now(), timeZone()), filterChoices(db)]);
	return {
		filter: { ...filter, scope: list.scope },
		canSeeAll: seesAll(user),
		choices,
		cases: list.rows.map((r) => ({
			id: r.id,
			state: r.state,
			cause: r.cause,
			tier: r.tier,
			contact: r.contact_name,
			owner: r.owner_name,
			team: r.team_name,
			questionnaire: r.questionnaire_title,
			items: r.items,
			reopens: r.reopen_count,
			escalated: r.escalation > 0,
			overdue: r.overdue,
			openedAt: new Date(r.opened_at).toISOString(),
			due: new Date(r.due).toISOString()
		}))
	};
};
