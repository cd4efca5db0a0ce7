import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { contactFormSchema } from '$lib/domain/contacts/edit';
import { timeZoneChoices, zoneForPhone } from '$lib/domain/contacts/time-zones';
import { timeZone } from '$lib/server/config';
import { getContact, updateContact } from '$lib/server/contacts/service';
import { contactCallbacks } from '$lib/server/campaigns/service';
import { revokeLinks } from '$lib/server/links/service';
import { z } from 'zod';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'manageContacts');
	const db = getDb();
	const c = await getContact(db, params.id);
	if (!c) throw error(404, 'not_found');
	const callbacks = await contactCallbacks(db, c.id);
	return {
		callbacks,
		// Agents found the number wrong: shown at the top so the data gets fixed.
		invalidNumber: callbacks.filter((cb) => cb.status === 'invalid_number').map((cb) => cb.campaign_name),
		saved: url.searchParams.has('saved'),
		zones: timeZoneChoices(c.time_zone),
		// What "from the phone number" would give today: the number's country's zone, else the app's.
		automaticZone: zoneForPhone(c.phone) ?? timeZone(),
		contact: {
			id: c.id,
			name: c.name,
			phone: c.phone ?? '',
			email: c.email ?? '',
			externalId: c.external_id ?? '',
			tier: c.tier ?? '',
			industry: c.industry ?? '',
			product: c.product ?? '',
			eventDate: c.event_date ?? '',
			doNotContact: c.do_not_contact,
			dncReason: c.dnc_reason ?? '',
			timeZone: c.time_zone ?? '',
			owner: c.owner_name,
			attributes: Object.entries(c.attributes).sort(([a], [b]) => a.localeCompare(b))
		}
	};
};

export const actions: Actions = {
	revoke: async ({ locals, params, request, url }) => {
		requirePermission(locals, url, 'manageContacts');
		const callbackId = z.uuid().safeParse((await request.formData().catch(() => null))?.get('callbackId'));
		if (!(await getContact(getDb(), params.id))) throw error(404, 'not_found');
		// A forged or stale id revokes nothing: the list below shows what is live.
		const revoked = callbackId.success ? await revokeLinks(getDb(), callbackId.data, params.id) : 0;
		return { revoked: revoked > 0 };
	},
	save: async ({ locals, params, request, url }) => {
		const user = requirePermission(locals, url, 'manageContacts');
		const form = await parseForm(request, contactFormSchema);
		if (!form.ok) return form.failure;
		const result = await updateContact(getDb(), params.id, form.data, user.id);
		if (!result.ok && 'notFound' in result) throw error(404, 'not_found');
		if (!result.ok) return fail(400, { errors: result.errors, values: form.fields });
		throw redirect(303, `/contacts/${params.id}?saved`);
	}
};
