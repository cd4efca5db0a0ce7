import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { requirePermission } from '$lib/server/auth/guards';
import { formFields, fieldErrors } from '$lib/server/forms';
import { localize, type Localized } from '$lib/domain/locale';
import { completeVerification, verificationSchema, verificationScript } from '$lib/server/follow-ups/verification';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requirePermission(locals, url, 'makeCalls');
	const script = await verificationScript(getDb(), params.id, user.id);
	if (!script) throw error(404, 'not_found');
	return {
		customer: { name: script.name, phone: script.phone },
		title: script.title,
		told: script.told,
		agentCode: user.agentCode,
		items: script.items.map((i) => ({ id: i.id, question: localize(i.question_text as Localized, locals.locale) }))
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const user = requirePermission(locals, url, 'makeCalls');
		const db = getDb();
		const script = await verificationScript(db, params.id, user.id);
		if (!script) throw error(404, 'not_found');
		const fields = formFields(await request.formData());
		const items = Object.fromEntries(script.items.map((i) => [i.id, fields[`item_${i.id}`] ?? '']).filter(([, v]) => v));
		const parsed = verificationSchema(script.items.map((i) => i.id)).safeParse({ items, satisfied: fields.satisfied, words: fields.words ?? '' });
		if (!parsed.success) return fail(400, { errors: { form: 'cases_verify_answer_all', ...fieldErrors(parsed.error) }, values: fields });
		const result = await completeVerification(
			db,
			params.id,
			user.id,
			{
				items: Object.fromEntries(Object.entries(parsed.data.items).map(([k, v]) => [k, v === 'yes'])),
				satisfied: parsed.data.satisfied === 'yes',
				words: parsed.data.words
			},
			now()
		);
		if (!result.ok && result.error === 'words_required') return fail(400, { errors: { words: 'cases_verify_words_required' }, values: fields });
		if (!result.ok) throw error(404, 'not_found');
		throw redirect(303, `/calls?verified=${result.outcome}`);
	}
};
