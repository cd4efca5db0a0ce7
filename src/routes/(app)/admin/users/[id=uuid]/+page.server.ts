import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { ROLES, agentCodeSchema } from '$lib/domain/users';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { timeZone } from '$lib/server/config';
import { parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { confirmPassword, getUser, resetPassword, setDisabled, updateUser } from '$lib/server/users/lifecycle';
import type { Actions, PageServerLoad } from './$types';

const changeSchema = z
	.object({
		role: z.enum(ROLES, 'invalid'),
		agentCode: z
			.string()
			.trim()
			.transform((v) => (v === '' ? null : v))
			.pipe(agentCodeSchema.nullable())
	})
	.refine((u) => u.role !== 'agent' || u.agentCode !== null, { message: 'agent_code_required', path: ['agentCode'] });

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const admin = requirePermission(locals, url, 'manageUsers');
	const user = await getUser(getDb(), params.id);
	if (!user) throw error(404, 'not_found');
	return {
		timeZone: timeZone(),
		self: user.id === admin.id,
		target: {
			id: user.id,
			username: user.username,
			displayName: user.display_name,
			role: user.role,
			agentCode: user.agent_code,
			disabled: user.disabled_at !== null,
			lastSignIn: user.last_sign_in_at ? new Date(user.last_sign_in_at).toISOString() : null,
			mustChangePassword: user.must_change_password
		}
	};
};

export const actions: Actions = {
	update: async ({ locals, params, request, url }) => {
		const admin = requirePermission(locals, url, 'manageUsers');
		const form = await parseForm(request, changeSchema);
		if (!form.ok) return form.failure;
		if (admin.id === params.id && form.data.role !== 'admin') return fail(400, { errors: { role: 'sec_users_not_self' }, values: form.fields });
		const result = await updateUser(getDb(), admin.id, params.id, form.data);
		if (!result.ok && result.error === 'not_found') throw error(404, 'not_found');
		if (!result.ok) return fail(400, { errors: { [result.field]: result.error }, values: form.fields });
		return { saved: true };
	},
	disable: async ({ locals, params, url }) => {
		const admin = requirePermission(locals, url, 'manageUsers');
		if (admin.id === params.id) return fail(400, { errors: { status: 'sec_users_not_self' } });
		if (!(await setDisabled(getDb(), admin.id, params.id, true, now()))) throw error(404, 'not_found');
		return { disabled: true };
	},
	enable: async ({ locals, params, url }) => {
		const admin = requirePermission(locals, url, 'manageUsers');
		if (!(await setDisabled(getDb(), admin.id, params.id, false, now()))) throw error(404, 'not_found');
		return { enabled: true };
	},
	reset: async ({ locals, params, request, url }) => {
		const admin = requirePermission(locals, url, 'manageUsers');
		const form = await parseForm(request, z.object({ confirmPassword: z.string().max(200, 'too_long') }), ['confirmPassword']);
		if (!form.ok) return form.failure;
		if (!(await confirmPassword(getDb(), admin.id, form.data.confirmPassword))) {
			return fail(400, { errors: { confirmPassword: 'sec_password_wrong' } });
		}
		const temporary = await resetPassword(getDb(), admin.id, params.id);
		if (temporary === null) throw error(404, 'not_found');
		return { temporary };
	}
};
