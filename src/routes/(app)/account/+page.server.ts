import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { passwordSchema } from '$lib/domain/users';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { timeZone } from '$lib/server/config';
import { parseForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/auth/guards';
import { SESSION_COOKIE, listSessions } from '$lib/server/auth/sessions';
import { changeOwnPassword, signOutEverywhere } from '$lib/server/users/lifecycle';
import type { Actions, PageServerLoad } from './$types';

const changeSchema = z.object({ currentPassword: z.string().min(1, 'required').max(200, 'too_long'), newPassword: passwordSchema });

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const sessions = await listSessions(getDb(), user.id, now());
	return {
		timeZone: timeZone(),
		mustChangePassword: user.mustChangePassword,
		sessions: sessions.map((s) => ({
			current: s.id === user.sessionId,
			startedAt: new Date(s.created_at).toISOString(),
			lastSeenAt: new Date(s.last_seen_at).toISOString(),
			userAgent: s.user_agent
		}))
	};
};

export const actions: Actions = {
	password: async ({ locals, request, url }) => {
		const user = requireUser(locals, url);
		const form = await parseForm(request, changeSchema, ['currentPassword', 'newPassword']);
		if (!form.ok) return form.failure;
		const result = await changeOwnPassword(getDb(), user, form.data.currentPassword, form.data.newPassword);
		if (!result.ok) return fail(400, { errors: { [result.field]: result.error }, values: {} });
		return { passwordChanged: true };
	},
	everywhere: async ({ locals, url, cookies }) => {
		const user = requireUser(locals, url);
		await signOutEverywhere(getDb(), user.id);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		throw redirect(303, '/login');
	}
};
