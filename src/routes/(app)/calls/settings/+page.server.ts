import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { requireRole } from '$lib/server/calls/guards';
import { listDispositions, saveDisposition } from '$lib/server/calls/dispositions';
import { hoursFor, saveHours } from '$lib/server/calls/calling-hours';
import { setStaleMinutes, staleMinutes } from '$lib/server/calls/release';
import { DIAL_SCHEMES, dialScheme, setDialScheme } from '$lib/server/calls/settings';
import { dispositionFormSchema } from '$lib/domain/calls/dispositions';
import { callingHoursFormSchema } from '$lib/domain/scheduling/calling-hours';
import type { Actions, PageServerLoad } from './$types';

const ADMIN = ['admin'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, url, ADMIN);
	const db = getDb();
	const [dispositions, hours, stale, scheme] = await Promise.all([listDispositions(db), hoursFor(db, null), staleMinutes(db), dialScheme(db)]);
	return { dispositions, hours, stale, scheme, schemes: DIAL_SCHEMES, edit: url.searchParams.get('edit') };
};

const floorSchema = z.object({
	staleMinutes: z.coerce.number('invalid').int('invalid').min(5, 'invalid').max(24 * 60, 'invalid'),
	dialScheme: z.enum(DIAL_SCHEMES, 'invalid')
});

export const actions: Actions = {
	disposition: async ({ locals, url, request }) => {
		requireRole(locals, url, ADMIN);
		const form = await parseForm(request, dispositionFormSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: 'disposition' });
		const result = await saveDisposition(getDb(), form.data);
		if (!result.ok) return fail(400, { errors: { key: 'floor_system_disposition' }, values: form.fields, form: 'disposition' });
		return { saved: 'disposition' };
	},
	hours: async ({ locals, url, request }) => {
		requireRole(locals, url, ADMIN);
		const form = await parseForm(request, callingHoursFormSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: 'hours' });
		await saveHours(getDb(), null, form.data.windows, form.data.blackouts);
		return { saved: 'hours' };
	},
	floor: async ({ locals, url, request }) => {
		requireRole(locals, url, ADMIN);
		const form = await parseForm(request, floorSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: 'floor' });
		const db = getDb();
		await setStaleMinutes(db, form.data.staleMinutes);
		await setDialScheme(db, form.data.dialScheme);
		return { saved: 'floor' };
	}
};
