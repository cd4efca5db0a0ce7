import { error, redirect } from '@sveltejs/kit';
import { setupSchema } from '$lib/domain/users';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { SetupClosedError, completeSetup, hasAnyUser } from '$lib/server/users/service';
import { startSession } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';

/** First-run only: once any user exists this page does not exist. */
export const load: PageServerLoad = async () => {
	if (await hasAnyUser(getDb())) throw error(404, 'not_found');
};

export const actions: Actions = {
	default: async (event) => {
		const form = await parseForm(event.request, setupSchema);
		if (!form.ok) return form.failure;
		let userId: string;
		try {
			userId = await completeSetup(getDb(), form.data);
		} catch (e) {
			if (e instanceof SetupClosedError) throw error(404, 'not_found');
			throw e;
		}
		await startSession(event, userId);
		throw redirect(303, '/questionnaires');
	}
};
