import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { answersToFields, parseProgress, parseSubmission } from '$lib/domain/questionnaire/answers';
import { surveyView } from '$lib/domain/questionnaire/survey-view';
import { getDb } from '$lib/server/db';
import { clampValues, formLists } from '$lib/server/forms';
import { LinkUnavailableError, lookupLink, submitLinkResponse } from '$lib/server/links/service';
import { companyName } from '$lib/server/users/service';
import { loadProgress, saveProgress } from '$lib/server/responses/progress';
import { markOpened } from '$lib/server/delivery/funnel';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	// A link page is personal: never stored by a shared cache.
	setHeaders({ 'cache-control': 'private, no-store' });
	const db = getDb();
	const found = await lookupLink(db, params.token);
	if (found.state === 'not_found') throw error(404, 'not_found');
	if (found.state !== 'open') return { state: found.state, title: found.title };
	await markOpened(db, { linkId: found.linkId, campaignId: found.campaignId, contactId: found.contactId }, now());
	// The link is the submission: its answers kept with "continue later" come back on any device,
	// and however often it is posted, one response is stored.
	const kept = await loadProgress(db, found.version.versionId, found.linkId);
	return {
		state: 'open' as const,
		title: found.title,
		versionId: found.version.versionId,
		submissionId: found.linkId,
		kept: answersToFields(kept ?? []),
		...surveyView(found.version.definition, locals.locale, { ...found.pipe, 'company.name': await companyName(db) })
	};
};

const envelope = z.object({ versionId: z.uuid(), submissionId: z.uuid() });

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const db = getDb();
		const found = await lookupLink(db, params.token);
		if (found.state === 'not_found') throw error(404, 'not_found');
		// Used, expired or revoked: the page says which.
		if (found.state !== 'open') throw redirect(303, `/l/${params.token}`);
		let fields: Record<string, string[]>;
		try {
			fields = formLists(await request.formData());
		} catch {
			return fail(400, { errors: { form: 'invalid' }, values: {} });
		}
		const ids = envelope.safeParse({ versionId: fields.versionId?.[0], submissionId: fields.submissionId?.[0] });
		// The answers must be to the campaign's version, the one this page showed.
		if (!ids.success || ids.data.versionId !== found.version.versionId || ids.data.submissionId !== found.linkId) {
			return fail(400, { errors: { form: 'invalid' }, values: {} });
		}
		if (fields.intent?.[0] === 'later') {
			await saveProgress(db, {
				questionnaireId: found.version.questionnaireId,
				versionId: found.version.versionId,
				submissionId: found.linkId,
				contactId: found.contactId,
				campaignId: found.campaignId,
				answers: parseProgress(found.version.definition, fields)
			});
			return { savedForLater: true, values: clampValues(fields) };
		}
		const parsed = parseSubmission(found.version.definition, fields);
		if (!parsed.ok) {
			const errors: Record<string, string> = { ...parsed.errors };
			errors.form = parsed.unknownFields.length > 0 ? 'unknown_questions' : 'fix_answers';
			const view = surveyView(found.version.definition, locals.locale, { ...found.pipe, 'company.name': await companyName(db) });
			return fail(400, { errors, values: clampValues(fields), view });
		}
		try {
			await submitLinkResponse(db, {
				linkId: found.linkId,
				questionnaireId: found.version.questionnaireId,
				versionId: found.version.versionId,
				definition: found.version.definition,
				contactId: found.contactId,
				campaignId: found.campaignId,
				submissionId: ids.data.submissionId,
				answers: parsed.answers
			});
		} catch (e) {
			if (e instanceof LinkUnavailableError) throw redirect(303, `/l/${params.token}`);
			throw e;
		}
		throw redirect(303, `/l/${params.token}/thanks`);
	}
};
