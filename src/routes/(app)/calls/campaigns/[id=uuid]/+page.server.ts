import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { FLOOR_ROLES, requireRole } from '$lib/server/calls/guards';
import { campaignPolicy, savePolicy } from '$lib/server/calls/policy';
import { hoursFor, saveHours } from '$lib/server/calls/calling-hours';
import { retryPolicySchema } from '$lib/domain/scheduling/retry-policy';
import { callingHoursFormSchema } from '$lib/domain/scheduling/calling-hours';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireRole(locals, url, FLOOR_ROLES);
	const db = getDb();
	const campaign = await campaignPolicy(db, params.id);
	if (!campaign) throw error(404, 'not_found');
	return { role: user.role, campaign, hours: await hoursFor(db, params.id) };
};

export const actions: Actions = {
	policy: async ({ locals, url, request, params }) => {
		requireRole(locals, url, FLOOR_ROLES);
		const form = await parseForm(request, retryPolicySchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: 'policy' });
		if (!(await savePolicy(getDb(), params.id, form.data))) throw error(404, 'not_found');
		return { saved: 'policy' };
	},
	hours: async ({ locals, url, request, params }) => {
		requireRole(locals, url, FLOOR_ROLES);
		const db = getDb();
		if (!(await campaignPolicy(db, params.id))) throw error(404, 'not_found');
		const data = await request.formData();
		// "Use the default hours" keeps only the campaign's own blackout dates.
		if (data.get('useDefault') === 'on') {
			const blackouts = callingHoursFormSchema.safeParse({ blackouts: String(data.get('blackouts') ?? '') });
			if (!blackouts.success) return fail(400, { errors: { blackouts: 'floor_blackout_format' }, values: {}, form: 'hours' });
			await saveHours(db, params.id, null, blackouts.data.blackouts);
			return { saved: 'hours' };
		}
		const form = callingHoursFormSchema.safeParse(Object.fromEntries([...data].map(([k, v]) => [k, String(v)])));
		if (!form.success) {
			const errors = Object.fromEntries(form.error.issues.map((i) => [String(i.path[0]), i.message]));
			return fail(400, { errors, values: Object.fromEntries([...data].map(([k, v]) => [k, String(v)])), form: 'hours' });
		}
		await saveHours(db, params.id, form.data.windows, form.data.blackouts);
		return { saved: 'hours' };
	}
};
