import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { requirePermission } from '$lib/server/auth/guards';
import { claimVerification } from '$lib/server/follow-ups/verification';
import type { Actions, PageServerLoad } from './$types';

// Only the claim action lives here; the list is a component on /calls.
export const load: PageServerLoad = ({ locals, url }) => {
	requirePermission(locals, url, 'makeCalls');
	throw redirect(303, '/calls');
};

export const actions: Actions = {
	/** Takes the verification callback due longest and opens its script. */
	default: async ({ locals, url }) => {
		const user = requirePermission(locals, url, 'makeCalls');
		const id = await claimVerification(getDb(), user.id, now());
		if (!id) throw redirect(303, '/calls?verify=none');
		throw redirect(303, `/follow-ups/verify/${id}`);
	}
};
