import { error, redirect } from '@sveltejs/kit';
import { localize } from '$lib/domain/locale';
import { pipe } from '$lib/domain/questionnaire/piping';
import { getDb } from '$lib/server/db';
import { answeredLink } from '$lib/server/links/service';
import { versionById } from '$lib/server/questionnaires/service';
import { companyName } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

/** The questionnaire's closing words, once the link has been answered. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const db = getDb();
	const link = await answeredLink(db, params.token);
	if (!link) throw error(404, 'not_found');
	if (link === 'unanswered') throw redirect(303, `/l/${params.token}`);
	const version = await versionById(db, link.versionId);
	if (!version) throw error(404, 'not_found');
	const values = { 'customer.name': link.name, 'company.name': await companyName(db) };
	return { title: version.title, thanks: pipe(localize(version.definition.thanks, locals.locale), values, locals.locale) };
};
