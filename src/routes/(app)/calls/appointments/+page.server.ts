import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { timeZone } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { FLOOR_ROLES, requireRole } from '$lib/server/calls/guards';
import { allAppointments, floorAgents, moveAppointment } from '$lib/server/calls/appointments';
import { todayIn, timeIn, zonedInstant } from '$lib/domain/scheduling/dates';
import { WINDOW_MINUTES } from '$lib/domain/calls/ending';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireRole(locals, url, FLOOR_ROLES);
	const db = getDb();
	const [appointments, agents] = await Promise.all([allAppointments(db, now()), floorAgents(db)]);
	return {
		role: user.role,
		agents,
		appointments: appointments.map((a) => ({
			...a,
			// The window as the form shows it: on the customer's clock.
			localDate: todayIn(a.timeZone, new Date(a.startsAt)),
			localTime: timeIn(a.timeZone, new Date(a.startsAt)),
			minutes: Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000)
		}))
	};
};

const moveSchema = z.object({
	id: z.uuid('invalid'),
	date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'floor_appointment_invalid'),
	time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'floor_appointment_invalid'),
	minutes: z.coerce.number().refine((n) => (WINDOW_MINUTES as readonly number[]).includes(n), 'invalid'),
	agentId: z.union([z.literal(''), z.uuid('invalid')]).transform((v) => v || null)
});

export const actions: Actions = {
	move: async ({ locals, url, request }) => {
		requireRole(locals, url, FLOOR_ROLES);
		const form = await parseForm(request, moveSchema);
		if (!form.ok) return form.failure;
		const db = getDb();
		const appointment = (await allAppointments(db, now())).find((a) => a.id === form.data.id);
		if (!appointment) throw error(404, 'not_found');
		const startsAt = zonedInstant(form.data.date, form.data.time, appointment.timeZone);
		if (startsAt <= now()) return fail(400, { errors: { [`date-${form.data.id}`]: 'floor_appointment_invalid' }, values: form.fields });
		const ok = await moveAppointment(
			db,
			form.data.id,
			{ startsAt, endsAt: new Date(startsAt.getTime() + form.data.minutes * 60_000), agentId: form.data.agentId },
			(at) => todayIn(timeZone(), at)
		);
		if (!ok) throw error(404, 'not_found');
		return { saved: form.data.id };
	}
};
