import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { authenticate, hasAnyUser } from '$lib/server/users/service';
import { endSession, startSession } from '$lib/server/auth/cookies';
import { safeNext } from '$lib/domain/security/redirect';
import { ACCOUNT_PATH } from '$lib/server/security/password-change';
import type { Actions, PageServerLoad } from './$types';

const loginSchema = z.object({
	username: z.string().trim().min(1, 'required').max(100, 'too_long'),
	password: z.string().min(1, 'required').max(200, 'too_long')
});


export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) throw redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	if (!(await hasAnyUser(getDb()))) throw redirect(303, '/setup');
};

export const actions: Actions = {
	login: async (event) => {
		const form = await parseForm(event.request, loginSchema);
		if (!form.ok) return form.failure;
		const result = await authenticate(getDb(), form.data.username, form.data.password, event.getClientAddress());
		if (!result.ok) {
			return fail(result.reason === 'throttled' ? 429 : 400, {
				errors: { form: result.reason === 'throttled' ? 'sec_login_throttled' : 'login_invalid' },
				retryAfter: result.reason === 'throttled' ? result.retryAfterSeconds : null,
				values: { username: form.data.username.slice(0, 100) }
			});
		}
		await startSession(event, result.userId);
		throw redirect(303, result.mustChangePassword ? ACCOUNT_PATH : safeNext(event.url.searchParams.get('next'), event.url.origin));
	},
	logout: async (event) => {
		await endSession(event);
		throw redirect(303, '/login');
	}
};
