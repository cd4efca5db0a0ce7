import { fail } from '@sveltejs/kit';
import { newUserSchema } from '$lib/domain/users';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { createUser, listUsers } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageUsers');
	const users = await listUsers(getDb());
	return {
		users: users.map((u) => ({
			id: u.id,
			username: u.username,
			displayName: u.display_name,
			role: u.role,
			agentCode: u.agent_code,
			disabled: u.disabled_at !== null
		}))
	};
};

export const actions: Actions = {
	create: async ({ locals, request, url }) => {
		requirePermission(locals, url, 'manageUsers');
		const form = await parseForm(request, newUserSchema);
		if (!form.ok) return form.failure;
		const result = await createUser(getDb(), form.data);
		if (!result.ok) {
			const { password: _, ...values } = form.fields;
			return fail(400, { errors: { [result.field]: result.error }, values });
		}
		return { created: form.data.username };
	}
};
