import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { tokenFormSchema } from '$lib/domain/integrations/scopes';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { timeZone } from '$lib/server/config';
import { parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/api/tokens';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageUsers');
	const tokens = await listApiTokens(getDb());
	return {
		timeZone: timeZone(),
		tokens: tokens.map((t) => ({
			id: t.id,
			name: t.name,
			prefix: t.prefix,
			scopes: t.scopes,
			rateLimit: t.rate_limit_per_minute,
			createdAt: new Date(t.created_at).toISOString(),
			lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
			revoked: t.revoked_at !== null
		}))
	};
};

const idForm = z.object({ id: z.uuid() });

export const actions: Actions = {
	create: async ({ locals, request, url }) => {
		const user = requirePermission(locals, url, 'manageUsers');
		const form = await parseForm(request, tokenFormSchema);
		if (!form.ok) return form.failure;
		const created = await createApiToken(getDb(), form.data, user.id);
		// Shown on this answer only; the database keeps just its hash.
		return { created: { name: form.data.name, token: created.token } };
	},
	revoke: async ({ locals, request, url }) => {
		const user = requirePermission(locals, url, 'manageUsers');
		const form = await parseForm(request, idForm);
		if (!form.ok || !(await revokeApiToken(getDb(), form.data.id, now(), user.id))) throw error(404, 'not_found');
		return { revoked: true };
	}
};
