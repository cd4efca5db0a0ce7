import { redirect } from '@sveltejs/kit';
import { can } from '$lib/domain/users';
import { getDb } from '$lib/server/db';
import { hasAnyUser } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

/** Sends each person to where their work starts. */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) {
		throw redirect(303, (await hasAnyUser(getDb())) ? '/login' : '/setup');
	}
	throw redirect(303, can(locals.user.role, 'designQuestionnaires') ? '/questionnaires' : '/calls');
};
