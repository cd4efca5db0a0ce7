import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { fieldErrors, formFields, formLists, parseForm } from '$lib/server/forms';
import { listUsers } from '$lib/server/users/service';
import { DuplicateTeamError, listRoutes, listTeams, routeSchema, saveRoute, saveTeam, teamSchema } from '$lib/server/follow-ups/teams';
import { loopSettings, loopSettingsSchema, setLoopSettings } from '$lib/server/follow-ups/settings';
import { CHURN_CAUSES } from '$lib/domain/questionnaire/definition';
import { DEFAULT_SLA } from '$lib/domain/follow-ups/deadlines';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageUsers');
	const db = getDb();
	const [teams, routes, users, loop] = await Promise.all([listTeams(db), listRoutes(db), listUsers(db), loopSettings(db)]);
	return {
		teams,
		users: users.filter((u) => !u.disabled_at).map((u) => ({ id: u.id, name: u.display_name, role: u.role })),
		routes: CHURN_CAUSES.map((cause) => {
			const r = routes.get(cause);
			return {
				cause,
				teamId: r?.teamId ?? '',
				assignment: r?.assignment ?? 'round_robin',
				firstActionHours: r?.firstActionHours ?? DEFAULT_SLA.firstActionHours,
				resolveHours: r?.resolveHours ?? DEFAULT_SLA.resolveHours
			};
		}),
		loop: { ...loop, topTiers: loop.topTiers.join(', ') }
	};
};

async function readTeam(request: Request) {
	const data = await request.formData();
	const fields = formFields(data);
	const parsed = teamSchema.safeParse({ name: fields.name, leadId: fields.leadId, memberIds: formLists(data).memberIds ?? [] });
	return { fields, parsed };
}

export const actions: Actions = {
	team: async ({ locals, request, url }) => {
		requirePermission(locals, url, 'manageUsers');
		const { fields, parsed } = await readTeam(request);
		const teamId = z.uuid().optional().safeParse(fields.teamId || undefined);
		if (!parsed.success || !teamId.success) {
			return fail(400, { errors: parsed.success ? { form: 'invalid' } : fieldErrors(parsed.error), values: fields, team: fields.teamId ?? 'new' });
		}
		try {
			await saveTeam(getDb(), parsed.data, teamId.data);
		} catch (e) {
			if (e instanceof DuplicateTeamError) return fail(400, { errors: { name: 'taken' }, values: fields, team: fields.teamId ?? 'new' });
			throw e;
		}
		return { saved: 'team' };
	},
	route: async ({ locals, request, url }) => {
		requirePermission(locals, url, 'manageUsers');
		const form = await parseForm(request, routeSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, route: form.failure.data.values.cause });
		if (!(await saveRoute(getDb(), form.data))) return fail(400, { errors: { teamId: 'invalid' }, values: form.fields, route: form.data.cause });
		return { saved: 'route' };
	},
	loop: async ({ locals, request, url }) => {
		requirePermission(locals, url, 'manageUsers');
		const form = await parseForm(request, loopSettingsSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, route: 'loop' });
		await setLoopSettings(getDb(), form.data);
		return { saved: 'loop' };
	}
};
