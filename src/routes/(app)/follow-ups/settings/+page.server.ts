import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/forms';
import { caseSettingsSchema, listCaseSettings, setCaseSettings } from '$lib/server/follow-ups/settings';
import { seesAll } from '$lib/server/follow-ups/access';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePermission(locals, url, 'designQuestionnaires');
	return { questionnaires: await listCaseSettings(getDb()), supervisor: seesAll(user) };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		requirePermission(locals, url, 'designQuestionnaires');
		const form = await parseForm(request, caseSettingsSchema.extend({ questionnaireId: z.uuid() }));
		if (!form.ok) return form.failure;
		const db = getDb();
		const exists = await db.selectFrom('questionnaires').select('id').where('id', '=', form.data.questionnaireId).executeTakeFirst();
		if (!exists) throw error(404, 'not_found');
		const { questionnaireId, ...settings } = form.data;
		await setCaseSettings(db, questionnaireId, settings);
		return { saved: questionnaireId };
	}
};
