import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { exportQuestionnaire } from '$lib/server/questionnaires/service';
import type { RequestHandler } from './$types';

/** The draft as a JSON file in the documented interchange format. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'designQuestionnaires');
	const exported = await exportQuestionnaire(getDb(), params.id);
	if (!exported) throw error(404, 'not_found');
	return new Response(JSON.stringify(exported.file, null, '\t') + '\n', {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="huifang-${exported.slug}.json"`
		}
	});
};
