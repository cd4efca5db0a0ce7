import { error, fail, redirect } from '@sveltejs/kit';
import { applyTextEdits } from '$lib/domain/questionnaire/edit-texts';
import { getDb } from '$lib/server/db';
import { formFields } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import {
	ConflictError,
	getQuestionnaire,
	publish,
	duplicateQuestionnaire,
	saveDraft,
	setArchived,
	setOpen
} from '$lib/server/questionnaires/service';
import { m } from '$lib/i18n';
import { describeChanges, type ConflictInfo } from '$lib/domain/questionnaire/diff';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'designQuestionnaires');
	const q = await getQuestionnaire(getDb(), params.id);
	if (!q) throw error(404, 'not_found');
	const [latest] = q.versions;
	return {
		// What publishing the draft now would change, and what each version changed.
		unpublished: latest ? describeChanges(latest.definition, q.draft, locals.locale) : null,
		questionnaire: {
			id: q.id,
			title: q.title,
			status: q.status,
			revision: q.revision,
			publicUrl: `${url.origin}/s/${q.slug}`,
			draft: q.draft,
			versions: q.versions.map((v, i) => {
				const previous = q.versions[i + 1];
				return {
					number: v.number,
					publishedAt: new Date(v.published_at).toISOString(),
					changes: previous ? describeChanges(previous.definition, v.definition, locals.locale) : null
				};
			})
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
		if (!(e instanceof ConflictError)) throw e;
		// Someone saved meanwhile: keep this analyst's text in the form, show how it differs
		// from what is saved now, and let a second save (on the new revision) keep it knowingly.
		const current = (await getQuestionnaire(db, q.id))!;
		const conflict: ConflictInfo = {
			revision: current.revision,
			title: current.title !== edited.title ? current.title : null,
			// Told in the saved draft's words, so the analyst sees what the other person wrote.
			differences: describeChanges(edited.definition, current.draft, event.locals.locale)
		};
		return { failure: fail(409, { errors: { form: 'conflict' }, values: fields, conflict }) };
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
	duplicate: async ({ locals, params, url }) => {
		const user = requirePermission(locals, url, 'designQuestionnaires');
		const copy = await duplicateQuestionnaire(getDb(), params.id, m.copy_suffix({}, { locale: locals.locale }), user.id);
		if (!copy) throw error(404, 'not_found');
		throw redirect(303, `/questionnaires/${copy}`);
	},
	archive: async ({ locals, params, url }) => {
		requirePermission(locals, url, 'designQuestionnaires');
		if (!(await setArchived(getDb(), params.id, true))) throw error(404, 'not_found');
		return { archived: true };
	},
	restore: async ({ locals, params, url }) => {
		requirePermission(locals, url, 'designQuestionnaires');
		if (!(await setArchived(getDb(), params.id, false))) throw error(404, 'not_found');
		return { restored: true };
	},
	reopen: async ({ locals, params, url }) => {
		requirePermission(locals, url, 'designQuestionnaires');
		if (!(await setOpen(getDb(), params.id, true))) throw error(404, 'not_found');
		return { reopened: true };
	}
};
