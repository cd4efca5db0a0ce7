import { error, fail, redirect } from '@sveltejs/kit';
import { applyTextEdits } from '$lib/domain/questionnaire/edit-texts';
import { getDb } from '$lib/server/db';
import { formFields } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import {
	ConflictError,
	getQuestionnaire,
	publish,
	saveDraft,
	setOpen
} from '$lib/server/questionnaires/service';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'designQuestionnaires');
	const q = await getQuestionnaire(getDb(), params.id);
	if (!q) throw error(404, 'not_found');
	return {
		questionnaire: {
			id: q.id,
			title: q.title,
			status: q.status,
			revision: q.revision,
			publicUrl: `${url.origin}/s/${q.slug}`,
			draft: q.draft,
			versions: q.versions.map((v) => ({ number: v.number, publishedAt: new Date(v.published_at).toISOString() }))
		}
	};
};

/** Saves the edited texts if the form was based on the current revision. */
async function saveFromForm(event: RequestEvent) {
	requirePermission(event.locals, event.url, 'designQuestionnaires');
	const db = getDb();
	const q = await getQuestionnaire(db, event.params.id);
	if (!q) throw error(404, 'not_found');
	const fields = formFields(await event.request.formData());
	const revision = Number(fields.revision);
	if (!Number.isInteger(revision)) return { failure: fail(400, { errors: { form: 'invalid' }, values: fields }) };
	const edited = applyTextEdits(q.draft, fields);
	if (!edited.ok) return { failure: fail(400, { errors: edited.errors, values: fields }) };
	try {
		await saveDraft(db, q.id, revision, edited);
	} catch (e) {
		if (e instanceof ConflictError) {
			return { failure: fail(409, { errors: { form: 'conflict' }, values: fields }) };
		}
		throw e;
	}
	return { failure: null };
}

export const actions: Actions = {
	save: async (event) => {
		const { failure } = await saveFromForm(event);
		return failure ?? { saved: true };
	},
	publish: async (event) => {
		const { failure } = await saveFromForm(event);
		if (failure) return failure;
		const number = await publish(getDb(), event.params.id, event.locals.user!.id);
		if (number === null) throw error(404, 'not_found');
		throw redirect(303, `/questionnaires/${event.params.id}?published=${number}`);
	},
	close: async ({ locals, params, url }) => {
		requirePermission(locals, url, 'designQuestionnaires');
		if (!(await setOpen(getDb(), params.id, false))) throw error(404, 'not_found');
		return { closed: true };
	},
	reopen: async ({ locals, params, url }) => {
		requirePermission(locals, url, 'designQuestionnaires');
		if (!(await setOpen(getDb(), params.id, true))) throw error(404, 'not_found');
		return { reopened: true };
	}
};
