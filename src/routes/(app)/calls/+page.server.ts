import { fail, redirect } from '@sveltejs/kit';
import { newCallSchema } from '$lib/domain/calls/new-call';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { listCallable } from '$lib/server/questionnaires/service';
import { recentCalls, startCall } from '$lib/server/calls/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePermission(locals, url, 'makeCalls');
	const db = getDb();
	const [questionnaires, calls] = await Promise.all([listCallable(db), recentCalls(db, user.id)]);
	return {
		hasAgentCode: user.agentCode !== null,
		questionnaires,
		calls: calls.map((c) => ({
			id: c.id,
			customerName: c.customer_name,
			customerPhone: c.customer_phone,
			title: c.title,
			step: c.step,
			outcome: c.outcome,
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
	}
};

