import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { can } from '$lib/domain/users';
import { INDUSTRIES, TEMPLATES } from '$lib/domain/templates';
import { localize } from '$lib/domain/locale';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { requirePermission, requireUser } from '$lib/server/auth/guards';
import {
	LIST_STATUSES,
	createBlank,
	createFromTemplate,
	importQuestionnaire,
	listQuestionnaires
} from '$lib/server/questionnaires/service';
import { MAX_IMPORT_BYTES, parseInterchange } from '$lib/domain/questionnaire/interchange';
import { m } from '$lib/i18n';
import { jsonFileHasControlChars } from '$lib/domain/security/input';
import type { Actions, PageServerLoad } from './$types';

/** The list's GET filters; anything unknown or malformed is simply not applied. */
const listFilterSchema = z.object({
	q: z.string().trim().max(100).optional().catch(undefined),
	industry: z.enum(INDUSTRIES as [string, ...string[]]).optional().catch(undefined),
	status: z.enum(LIST_STATUSES).optional().catch(undefined)
}).transform((f) => ({ search: f.q || null, industry: f.industry ?? null, status: f.status ?? null }));

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	if (!can(user.role, 'designQuestionnaires') && !can(user.role, 'viewAnalytics')) throw error(404, 'not_found');
	const filter = listFilterSchema.parse(Object.fromEntries(url.searchParams));
	const rows = await listQuestionnaires(getDb(), filter);
	const galleryIndustry = url.searchParams.get('tpl');
	const selected = galleryIndustry && INDUSTRIES.includes(galleryIndustry) ? galleryIndustry : null;
	return {
		filter,
		statuses: LIST_STATUSES,
		industries: INDUSTRIES,
		selectedIndustry: selected,
		canDesign: can(user.role, 'designQuestionnaires'),
		questionnaires: rows.map((q) => ({
			id: q.id,
			title: q.title,
			status: q.status,
			slug: q.slug,
			latestVersion: q.latest_version === null ? null : Number(q.latest_version),
			responses: Number(q.response_count ?? 0)
		})),
		templates: TEMPLATES.filter((t) => !selected || t.industry === selected).map((t) => ({
			id: t.id,
			industry: t.industry,
			title: localize(t.title, locals.locale),
			keyQuestions: t.definition.questions.filter((q) => q.kind === 'key').length,
			questions: t.definition.questions.length
		}))
	};
};

export const actions: Actions = {
	create: async ({ locals, request, url }) => {
		const user = requirePermission(locals, url, 'designQuestionnaires');
		const form = await parseForm(request, z.object({ templateId: z.string().max(100) }));
		if (!form.ok) return form.failure;
		const id = await createFromTemplate(getDb(), form.data.templateId, locals.locale, user.id);
		if (!id) throw error(404, 'not_found');
		throw redirect(303, `/questionnaires/${id}`);
	},
	blank: async ({ locals, url }) => {
		const user = requirePermission(locals, url, 'designQuestionnaires');
		const id = await createBlank(getDb(), m.blank_title({}, { locale: locals.locale }), user.id);
		throw redirect(303, `/questionnaires/${id}`);
	},
	import: async ({ locals, request, url }) => {
		const user = requirePermission(locals, url, 'designQuestionnaires');
		const file = (await request.formData().catch(() => null))?.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { importProblems: [{ path: '', problem: 'no_file' }] });
		}
		if (file.size > MAX_IMPORT_BYTES) {
			return fail(400, { importProblems: [{ path: '', problem: 'file_too_large' }] });
		}
		const text = await file.text();
		if (jsonFileHasControlChars(text)) return fail(400, { importProblems: [{ path: '', problem: 'sec_file_control_chars' }] });
		const parsed = parseInterchange(text);
		if (!parsed.ok) return fail(400, { importProblems: parsed.problems.slice(0, 50) });
		const id = await importQuestionnaire(getDb(), parsed.value, locals.locale, user.id);
		throw redirect(303, `/questionnaires/${id}`);
	}
};
