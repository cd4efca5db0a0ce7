import { error } from '@sveltejs/kit';
import { localize } from '$lib/domain/locale';
import { getDb } from '$lib/server/db';
import { lookupBySlug } from '$lib/server/questionnaires/service';
import { companyName } from '$lib/server/users/service';
import { pipe } from '$lib/domain/questionnaire/piping';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await lookupBySlug(getDb(), params.slug);
	if (found.state === 'not_found') throw error(404, 'not_found');
	if (found.state === 'closed') return { title: found.title, thanks: null };
	const thanks = localize(found.version.definition.thanks, locals.locale);
	return { title: found.version.title, thanks: pipe(thanks, { 'company.name': await companyName(getDb()) }, locals.locale) };
};
