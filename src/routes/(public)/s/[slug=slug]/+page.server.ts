import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { answersToFields, parseProgress, parseSubmission } from '$lib/domain/questionnaire/answers';
import { getDb } from '$lib/server/db';
import { clampValues, formLists } from '$lib/server/forms';
import { lookupBySlug } from '$lib/server/questionnaires/service';
import { immutableVersion } from '$lib/server/questionnaires/version-cache';
import { submitWebResponse } from '$lib/server/responses/service';
import { answeredCookie, clientHash, progressCookie, TooManyResponsesError } from '$lib/server/responses/open-links';
import { loadProgress, saveProgress } from '$lib/server/responses/progress';
import { surveyView } from '$lib/domain/questionnaire/survey-view';
import { companyName } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, cookies }) => {
	const found = await lookupBySlug(getDb(), params.slug);
	if (found.state === 'not_found') throw error(404, 'not_found');
	if (found.state === 'closed') return { state: 'closed' as const, title: found.title };
	if (found.limits.oncePerBrowser && cookies.get(answeredCookie(found.version.questionnaireId))) {
		return { state: 'answered' as const, title: found.version.title };
	}
	// Answers kept with "continue later" in this browser come back; otherwise a fresh id
	// per page view, so resubmitting this page stores nothing new.
	const keptId = z.uuid().safeParse(cookies.get(progressCookie(found.version.questionnaireId)));
	const kept = keptId.success ? await loadProgress(getDb(), found.version.versionId, keptId.data) : null;
	return {
		state: 'open' as const,
		title: found.version.title,
		versionId: found.version.versionId,
		submissionId: kept && keptId.success ? keptId.data : randomUUID(),
		kept: answersToFields(kept ?? []),
		...surveyView(found.version.definition, locals.locale, { 'company.name': await companyName(getDb()) })
	};
};

const envelope = z.object({ versionId: z.uuid(), submissionId: z.uuid() });

export const actions: Actions = {
	default: async ({ params, request, locals, cookies, getClientAddress, url }) => {
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
		const version = ids.success ? await immutableVersion(db, ids.data.versionId) : null;
		if (!ids.success || !version || version.questionnaireId !== found.version.questionnaireId) {
			return fail(400, { errors: { form: 'invalid' }, values: {} });
		}
		// One response per browser: only a resubmission of the very page it answered gets through
		// (and stores nothing new, by the unique submission id).
		const answered = cookies.get(answeredCookie(version.questionnaireId));
		if (found.limits.oncePerBrowser && answered && answered !== ids.data.submissionId) {
			return fail(409, { errors: { form: 'already_answered' }, values: {} });
		}
		if (fields.intent?.[0] === 'later') {
			const submission = { questionnaireId: version.questionnaireId, versionId: version.versionId, submissionId: ids.data.submissionId };
			const sender = { clientHash: clientHash(version.questionnaireId, getClientAddress()), hourlyLimit: found.limits.hourlyPerIp };
			let saved: boolean;
			try {
				saved = await saveProgress(db, { ...submission, answers: parseProgress(version.definition, fields) }, sender);
			} catch (e) {
				if (!(e instanceof TooManyResponsesError)) throw e;
				const view = surveyView(version.definition, locals.locale, { 'company.name': await companyName(db) });
				return fail(429, { errors: { form: 'too_many_responses' }, values: clampValues(fields), view });
			}
			if (!saved) throw redirect(303, `/s/${params.slug}/thanks`);
			cookies.set(progressCookie(version.questionnaireId), ids.data.submissionId, {
				path: `/s/${params.slug}`,
				httpOnly: true,
				sameSite: 'lax',
				secure: url.protocol === 'https:',
				maxAge: 60 * 60 * 24 * 30
			});
			return { savedForLater: true, values: clampValues(fields) };
		}
		const parsed = parseSubmission(version.definition, fields);
		if (!parsed.ok) {
			const errors: Record<string, string> = { ...parsed.errors };
			errors.form = parsed.unknownFields.length > 0 ? 'unknown_questions' : 'fix_answers';
			const view = surveyView(version.definition, locals.locale, { 'company.name': await companyName(db) });
			return fail(400, { errors, values: clampValues(fields), view });
		}
		try {
			await submitWebResponse(db, {
				questionnaireId: version.questionnaireId,
				versionId: version.versionId,
				definition: version.definition,
				submissionId: ids.data.submissionId,
				answers: parsed.answers,
				sender: { clientHash: clientHash(version.questionnaireId, getClientAddress()), hourlyLimit: found.limits.hourlyPerIp }
			});
		} catch (e) {
			if (!(e instanceof TooManyResponsesError)) throw e;
			const view = surveyView(version.definition, locals.locale, { 'company.name': await companyName(db) });
			return fail(429, { errors: { form: 'too_many_responses' }, values: clampValues(fields), view });
		}
		cookies.delete(progressCookie(version.questionnaireId), { path: `/s/${params.slug}` });
		cookies.set(answeredCookie(version.questionnaireId), ids.data.submissionId, {
			path: `/s/${params.slug}`,
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 365
		});
		throw redirect(303, `/s/${params.slug}/thanks`);
	}
};
