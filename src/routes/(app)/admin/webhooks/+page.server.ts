import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { webhookFormSchema } from '$lib/domain/integrations/webhook-form';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { timeZone } from '$lib/server/config';
import { fieldErrors, formFields, formLists } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import {
	createSubscription,
	disableSubscription,
	listSubscriptions,
	privateTargetsAllowed,
	recentDeliveries,
	replayDelivery,
	setPrivateTargetsAllowed
} from '$lib/server/webhooks/subscriptions';
import { webhookKeyAvailable } from '$lib/server/webhooks/secret-store';
import type { Actions, PageServerLoad } from './$types';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageUsers');
	const db = getDb();
	const [subscriptions, deliveries, allowPrivate] = await Promise.all([listSubscriptions(db), recentDeliveries(db), privateTargetsAllowed(db)]);
	return {
		timeZone: timeZone(),
		allowPrivate,
		keyMissing: !webhookKeyAvailable(db),
		subscriptions: subscriptions.map((s) => ({ id: s.id, url: s.url, events: s.events, disabled: s.disabled_at !== null })),
		deliveries: deliveries.map((d) => ({
			id: d.id,
			url: d.url,
			type: d.type,
			state: d.state,
			attempts: d.attempts,
			lastStatus: d.last_status,
			lastError: d.last_error,
			createdAt: iso(d.created_at)!,
			nextAttemptAt: d.state === 'pending' ? iso(d.next_attempt_at) : null
		}))
	};
};

const idForm = z.object({ id: z.uuid() });

async function readId(request: Request): Promise<string> {
	const parsed = idForm.safeParse(formFields(await request.formData()));
	if (!parsed.success) throw error(404, 'not_found');
	return parsed.data.id;
}

export const actions: Actions = {
	create: async ({ locals, request, url }) => {
		const user = requirePermission(locals, url, 'manageUsers');
		const lists = formLists(await request.formData());
		const values = { url: lists.url?.[0] ?? '', events: lists.events ?? [] };
		const parsed = webhookFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error), values });
		const result = await createSubscription(getDb(), parsed.data, user.id);
		if (!result.ok) return fail(400, { errors: result.errors, values });
		// The secret is shown on this answer only.
		return { created: { secret: result.secret } };
	},
	disable: async ({ locals, request, url }) => {
		requirePermission(locals, url, 'manageUsers');
		if (!(await disableSubscription(getDb(), await readId(request), now()))) throw error(404, 'not_found');
		return { disabled: true };
	},
	replay: async ({ locals, request, url }) => {
		requirePermission(locals, url, 'manageUsers');
		if (!(await replayDelivery(getDb(), await readId(request), now()))) throw error(404, 'not_found');
		return { replayed: true };
	},
	setting: async ({ locals, request, url }) => {
		requirePermission(locals, url, 'manageUsers');
		await setPrivateTargetsAllowed(getDb(), formFields(await request.formData()).allowPrivate === 'on');
		return { settingSaved: true };
	}
};
