import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { authenticate, hasAnyUser } from '$lib/server/users/service';
import { endSession, startSession } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';

const loginSchema = z.object({
	username: z.string().trim().min(1, 'required').max(100, 'too_long'),
	password: z.string().min(1, 'required').max(200, 'too_long')
});

/** Only same-site paths: a login link cannot send the user elsewhere. */
function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) throw redirect(303, safeNext(url.searchParams.get('next')));
	if (!(await hasAnyUser(getDb()))) throw redirect(303, '/setup');
};

export const actions: Actions = {
	login: async (event) => {
		const form = await parseForm(event.request, loginSchema);
		if (!form.ok) return form.failure;
		const result = await authenticate(getDb(), form.data.username, form.data.password, event.getClientAddress());
		if (!result.ok) {
			return fail(result.reason === 'throttled' ? 429 : 400, {
				errors: { form: result.reason === 'throttled' ? 'login_throttled' : 'login_invalid' },
				values: { username: form.data.username }
			});
		}
		await startSession(event, result.userId);
		throw redirect(303, safeNext(event.url.searchParams.get('next')));
	},
	logout: async (event) => {
		await endSession(event);
		throw redirect(303, '/login');
	}
};
