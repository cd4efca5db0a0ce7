import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { parseSubmission } from '$lib/domain/questionnaire/answers';
import { getDb } from '$lib/server/db';
import { formLists } from '$lib/server/forms';
import { lookupBySlug, versionById } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';
import { surveyView } from '$lib/domain/questionnaire/survey-view';
import { companyName } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await lookupBySlug(getDb(), params.slug);
	if (found.state === 'not_found') throw error(404, 'not_found');
	if (found.state === 'closed') return { state: 'closed' as const, title: found.title };
	return {
		state: 'open' as const,
		title: found.version.title,
		versionId: found.version.versionId,
		// A fresh id per page view: resubmitting this page stores nothing new.
		submissionId: randomUUID(),
		...surveyView(found.version.definition, locals.locale, { 'company.name': await companyName(getDb()) })
	};
};

const envelope = z.object({ versionId: z.uuid(), submissionId: z.uuid() });

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const db = getDb();
		const found = await lookupBySlug(db, params.slug);
		if (found.state === 'not_found') throw error(404, 'not_found');
		if (found.state === 'closed') return fail(410, { errors: { form: 'survey_closed' }, values: {} });
		let fields: Record<string, string[]>;
		try {
			fields = formLists(await request.formData());
		} catch {
			return fail(400, { errors: { form: 'invalid' }, values: {} });
		}
		const ids = envelope.safeParse({ versionId: fields.versionId?.[0], submissionId: fields.submissionId?.[0] });
		// Answers are checked against the version the customer saw, if it belongs to this link.
		const version = ids.success ? await versionById(db, ids.data.versionId) : null;
		if (!ids.success || !version || version.questionnaireId !== found.version.questionnaireId) {
			return fail(400, { errors: { form: 'invalid' }, values: {} });
		}
		const parsed = parseSubmission(version.definition, fields);
		if (!parsed.ok) {
			const errors: Record<string, string> = { ...parsed.errors };
			errors.form = parsed.unknownFields.length > 0 ? 'unknown_questions' : 'fix_answers';
			const view = surveyView(version.definition, locals.locale, { 'company.name': await companyName(db) });
			return fail(400, { errors, values: fields, view });
		}
		await submitWebResponse(db, {
			questionnaireId: version.questionnaireId,
			versionId: version.versionId,
			submissionId: ids.data.submissionId,
			answers: parsed.answers
		});
		throw redirect(303, `/s/${params.slug}/thanks`);
	}
};
