import { fail } from '@sveltejs/kit';
import { newUserSchema } from '$lib/domain/users';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { timeZone } from '$lib/server/config';
import { requirePermission } from '$lib/server/auth/guards';
import { createUser, listUsers } from '$lib/server/users/service';
import { confirmPassword } from '$lib/server/users/lifecycle';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageUsers');
	const users = await listUsers(getDb());
	return {
		timeZone: timeZone(),
		users: users.map((u) => ({
			id: u.id,
			username: u.username,
			displayName: u.display_name,
			role: u.role,
			agentCode: u.agent_code,
			disabled: u.disabled_at !== null,
			lastSignIn: u.last_sign_in_at ? new Date(u.last_sign_in_at).toISOString() : null
		}))
	};
};

export const actions: Actions = {
	create: async ({ locals, request, url }) => {
		const admin = requirePermission(locals, url, 'manageUsers');
		const secrets = ['password', 'confirmPassword'];
		const form = await parseForm(request, newUserSchema, secrets);
		if (!form.ok) return form.failure;
		// A new administrator holds every key: the admin creating one proves it is still them
		// (the field appears once an administrator is asked for, so the usual form stays short).
		const values = Object.fromEntries(Object.entries(form.fields).filter(([k]) => !secrets.includes(k)));
		if (form.data.role === 'admin') {
			const given = form.fields.confirmPassword ?? '';
			if (!given) return fail(400, { errors: { confirmPassword: 'sec_confirm_required' }, values });
			if (!(await confirmPassword(getDb(), admin.id, given))) return fail(400, { errors: { confirmPassword: 'sec_password_wrong' }, values });
		}
		const result = await createUser(getDb(), form.data, admin.id);
		if (!result.ok) return fail(400, { errors: { [result.field]: result.error }, values });
		return { created: form.data.username };
	}
};
