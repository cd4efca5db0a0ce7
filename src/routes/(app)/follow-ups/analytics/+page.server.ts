import { z } from 'zod';
import { readDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { loopAnalytics } from '$lib/server/follow-ups/analytics';
import { filterChoices } from '$lib/server/follow-ups/queries';
import { seesAll } from '$lib/server/follow-ups/access';
import type { PageServerLoad } from './$types';

const filter = z.object({ questionnaire: z.uuid().optional().catch(undefined), campaign: z.uuid().optional().catch(undefined) });

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePermission(locals, url, 'viewAnalytics');
	const db = readDb();
	const f = filter.parse(Object.fromEntries(url.searchParams));
	const [rows, choices] = await Promise.all([loopAnalytics(db, { questionnaireId: f.questionnaire, campaignId: f.campaign }), filterChoices(db)]);
	return { rows, filter: f, choices: { questionnaires: choices.questionnaires, campaigns: choices.campaigns }, supervisor: seesAll(user) };
};
