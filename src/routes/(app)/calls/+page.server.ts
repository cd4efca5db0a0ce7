import { fail, redirect } from '@sveltejs/kit';
import { newCallSchema } from '$lib/domain/calls/new-call';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { listCallable } from '$lib/server/questionnaires/service';
import { recentCalls, startCall } from '$lib/server/calls/service';
import { claimNext, clockNow, listQueue, openCallOf } from '$lib/server/calls/queue';
import { myAppointments } from '$lib/server/calls/appointments';
import { timeZone } from '$lib/server/config';
import { z } from 'zod';
import { dueVerificationCount } from '$lib/server/follow-ups/verification';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePermission(locals, url, 'makeCalls');
	const db = getDb();
	const clock = clockNow(timeZone());
	const [questionnaires, calls, queue, held, appointments] = await Promise.all([
		listCallable(db),
		recentCalls(db, user.id),
		listQueue(db, clock, undefined, user.id),
		openCallOf(db, user.id),
		myAppointments(db, user.id, clock.now)
	]);
	return {
		queue: {
			total: queue.total,
			held: queue.held,
			rows: queue.rows.map((r) => ({
				...r,
				callAfter: r.callAfter?.toISOString() ?? null,
				appointment: r.appointment
					? { ...r.appointment, startsAt: r.appointment.startsAt.toISOString(), endsAt: r.appointment.endsAt.toISOString() }
					: null
			}))
		},
		holding: held,
		appointments,
		timeZone: timeZone(),
		verificationsDue: await dueVerificationCount(db, user.id, now()),
		hasAgentCode: user.agentCode !== null,
		questionnaires,
		calls: calls.map((c) => ({
			id: c.id,
			customerName: c.customer_name,
			customerPhone: c.customer_phone,
			title: c.title,
			step: c.step,
			outcome: c.outcome,
			outcomeLabel: c.label_zh && c.label_en ? (locals.locale === 'en' ? c.label_en : c.label_zh) : null,
			startedAt: new Date(c.started_at).toISOString()
		}))
	};
};

export const actions: Actions = {
	start: async ({ locals, request, url }) => {
		const user = requirePermission(locals, url, 'makeCalls');
		const form = await parseForm(request, newCallSchema);
		if (!form.ok) return form.failure;
		const id = await startCall(getDb(), { ...form.data, agentId: user.id });
		if (!id) return fail(400, { errors: { questionnaireId: 'invalid' }, values: form.fields });
		throw redirect(303, `/calls/${id}`);
	},
	/** Claims the first callback due in the queue and opens its script. */
	next: async ({ locals, url }) => {
		const user = requirePermission(locals, url, 'makeCalls');
		// An agent still holding a call is taken back to it.
		const claim = await claimNext(getDb(), user.id, clockNow(timeZone()));
		if (!claim) return fail(409, { queueError: 'queue_empty' });
		throw redirect(303, `/calls/${claim.callId}`);
	},
	/** Claims one listed callback, unless another agent took it first or it is no longer due. */
	claim: async ({ locals, request, url }) => {
		const user = requirePermission(locals, url, 'makeCalls');
		const form = await parseForm(request, z.object({ callbackId: z.uuid('invalid') }));
		if (!form.ok) return fail(409, { queueError: 'queue_taken' });
		const claim = await claimNext(getDb(), user.id, clockNow(timeZone()), form.data.callbackId);
		if (!claim) return fail(409, { queueError: 'queue_taken' });
		throw redirect(303, `/calls/${claim.callId}`);
	}
};

