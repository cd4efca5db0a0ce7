import { error, fail, redirect } from '@sveltejs/kit';
import { passwordProblem } from '$lib/domain/security/password-policy';
import { setupSchema } from '$lib/domain/users';
import { getDb } from '$lib/server/db';
import { clampValues, parseForm } from '$lib/server/forms';
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
		const weak = passwordProblem(form.data.password, form.data.username);
		if (weak) return fail(400, { errors: { password: weak }, values: clampValues(Object.fromEntries(Object.entries(form.fields).filter(([k]) => k !== 'password'))) });
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
