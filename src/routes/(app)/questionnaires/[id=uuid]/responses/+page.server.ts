import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { getQuestionnaire } from '$lib/server/questionnaires/service';
import { listResponses, RESPONSES_PAGE_SIZE } from '$lib/server/responses/queries';
import type { PageServerLoad } from './$types';

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'viewAnalytics');
	const db = getDb();
	const q = await getQuestionnaire(db, params.id);
	if (!q) throw error(404, 'not_found');
	const page = pageSchema.parse(url.searchParams.get('page') ?? 1);
	const { rows, total } = await listResponses(db, params.id, page);
	return {
		id: q.id,
		title: q.title,
		page,
		pages: Math.max(1, Math.ceil(total / RESPONSES_PAGE_SIZE)),
		total,
		responses: rows.map((r) => ({ ...r, submitted_at: r.submitted_at ? new Date(r.submitted_at).toISOString() : null }))
	};
};
