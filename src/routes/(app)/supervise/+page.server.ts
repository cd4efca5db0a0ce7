import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { timeZone } from '$lib/server/config';
import { FLOOR_ROLES, requireRole } from '$lib/server/calls/guards';
import { clockNow } from '$lib/server/calls/queue';
import { wallboard, STALE_WARN_MINUTES } from '$lib/server/calls/wallboard';
import { releaseCall } from '$lib/server/calls/release';
import { changeStatus } from '$lib/server/campaigns/service';
import { todayIn } from '$lib/domain/scheduling/dates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireRole(locals, url, FLOOR_ROLES);
	return { role: user.role, board: await wallboard(getDb(), clockNow(timeZone())), staleWarn: STALE_WARN_MINUTES, timeZone: timeZone() };
};

export const actions: Actions = {
	release: async ({ locals, url, request }) => {
		requireRole(locals, url, FLOOR_ROLES);
		const form = await parseForm(request, z.object({ callId: z.uuid('invalid') }));
		if (!form.ok || !(await releaseCall(getDb(), form.data.callId, clockNow(timeZone()).now))) throw error(404, 'not_found');
		return { done: 'released' };
	},
	campaign: async ({ locals, url, request }) => {
		requireRole(locals, url, FLOOR_ROLES);
		const form = await parseForm(request, z.object({ campaignId: z.uuid('invalid'), action: z.enum(['pause', 'resume']) }));
		if (!form.ok) throw error(404, 'not_found');
		const clock = clockNow(timeZone());
		if (!(await changeStatus(getDb(), form.data.campaignId, form.data.action, todayIn(clock.timeZone, clock.now)))) throw error(404, 'not_found');
		return { done: form.data.action };
	}
};
