import { error } from '@sveltejs/kit';
import { localize } from '$lib/domain/locale';
import { getDb } from '$lib/server/db';
import { lookupBySlug } from '$lib/server/questionnaires/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await lookupBySlug(getDb(), params.slug);
	if (found.state === 'not_found') throw error(404, 'not_found');
	if (found.state === 'closed') return { title: found.title, thanks: null };
	return { title: found.version.title, thanks: localize(found.version.definition.thanks, locals.locale) };
};
