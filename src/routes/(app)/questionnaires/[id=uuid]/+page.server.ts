import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { draftSchema } from '$lib/domain/questionnaire/definition';
import { getDb } from '$lib/server/db';
import { companyName } from '$lib/server/users/service';
import { qrDataUrl } from '$lib/server/questionnaires/qr';
import { fieldErrors, formFields, parseForm } from '$lib/server/forms';
import { openLinkLimitsSchema, setOpenLinkLimits } from '$lib/server/responses/open-links';
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
	const publicUrl = `${url.origin}/s/${q.slug}`;
	return {
		companyName: await companyName(getDb()),
		// What publishing the draft now would change, and what each version changed.
		unpublished: latest ? describeChanges(latest.definition, q.draft, locals.locale) : null,
		questionnaire: {
			id: q.id,
			title: q.title,
			status: q.status,
			revision: q.revision,
			publicUrl,
			publicQr: latest ? await qrDataUrl(publicUrl) : null,
			limits: { hourlyPerIp: q.link_hourly_limit_per_ip, oncePerBrowser: q.link_once_per_browser },
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

const titleSchema = z.string().trim().min(1, 'required').max(200, 'too_long');

/**
 * Saves the whole draft the builder sends (title + definition as JSON) if it is
 * based on the current revision. The builder autosaves through this same action.
 */
async function saveFromForm(event: RequestEvent) {
	requirePermission(event.locals, event.url, 'designQuestionnaires');
	const db = getDb();
	const q = await getQuestionnaire(db, event.params.id);
	if (!q) throw error(404, 'not_found');
	const fields = formFields(await event.request.formData());
	const revision = Number(fields.revision);
	const title = titleSchema.safeParse(fields.title ?? '');
	const definition = draftSchema.safeParse(parseJson(fields.definition));
	if (!Number.isInteger(revision) || !title.success || !definition.success) {
		const errors: Record<string, string> = { form: 'invalid' };
		if (!title.success) errors.title = title.error.issues[0]?.message ?? 'invalid';
		if (!definition.success) Object.assign(errors, fieldErrors(definition.error));
		return { failure: fail(400, { errors }) };
	}
	try {
		const saved = await saveDraft(db, q.id, revision, { title: title.data, definition: definition.data });
		return { failure: null, revision: saved };
	} catch (e) {
		if (!(e instanceof ConflictError)) throw e;
		// Someone saved meanwhile: nothing is overwritten. The builder keeps this analyst's
		// version, shows how it differs from what is saved now, and a second, informed
		// save (on the new revision) keeps it.
		const current = (await getQuestionnaire(db, q.id))!;
		const conflict: ConflictInfo = {
			revision: current.revision,
			title: current.title !== title.data ? current.title : null,
			// Told in the saved draft's words, so the analyst sees what the other person wrote.
			differences: describeChanges(definition.data, current.draft, event.locals.locale)
		};
		return { failure: fail(409, { errors: { form: 'conflict' }, conflict }) };
	}
}

function parseJson(raw: string | undefined): unknown {
	try {
		return JSON.parse(raw ?? '');
	} catch {
		return null;
	}
}

export const actions: Actions = {
	save: async (event) => {
		const saved = await saveFromForm(event);
		return saved.failure ?? { saved: true, revision: saved.revision };
	},
	publish: async (event) => {
		const saved = await saveFromForm(event);
		if (saved.failure) return saved.failure;
		const result = await publish(getDb(), event.params.id, event.locals.user!.id);
		if (result === null) throw error(404, 'not_found');
		if ('problems' in result) return fail(400, { errors: { form: 'publish_problems' }, problems: result.problems, revision: saved.revision });
		return { published: result.number, revision: saved.revision };
	},
	linkLimits: async ({ locals, params, request, url }) => {
		requirePermission(locals, url, 'designQuestionnaires');
		const form = await parseForm(request, openLinkLimitsSchema);
		if (!form.ok) return form.failure;
		if (!(await setOpenLinkLimits(getDb(), params.id, form.data))) throw error(404, 'not_found');
		return { limitsSaved: true };
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
