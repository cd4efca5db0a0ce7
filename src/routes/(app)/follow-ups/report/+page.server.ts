import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { timeZone } from '$lib/server/config';
import { parseForm } from '$lib/server/forms';
import { todayIn } from '$lib/domain/scheduling/dates';
import { requireSupervisor } from '$lib/server/follow-ups/guard';
import { dailyReport, daySchema, recentDays, signOffDay, signOffSchema } from '$lib/server/follow-ups/report';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSupervisor(locals, url);
	const db = getDb();
	const today = todayIn(timeZone(), now());
	const asked = url.searchParams.get('day');
	const day = asked === null ? today : daySchema.safeParse(asked).data;
	if (!day || day > today) throw error(404, 'not_found');
	const [report, days] = await Promise.all([dailyReport(db, day, timeZone()), recentDays(db, today)]);
	return {
		report: {
			...report,
			flagged: report.flagged.map((f) => ({ ...f, at: f.at.toISOString() })),
			refusals: report.refusals.map((r) => ({ ...r, started_at: r.started_at.toISOString() })),
			signoff: report.signoff && { ...report.signoff, at: report.signoff.at.toISOString() }
		},
		days,
		timeZone: timeZone()
	};
};

export const actions: Actions = {
	signoff: async ({ locals, request, url }) => {
		const user = requireSupervisor(locals, url);
		const form = await parseForm(request, signOffSchema);
		if (!form.ok) return form.failure;
		if (form.data.day > todayIn(timeZone(), now())) return fail(400, { errors: { form: 'invalid' }, values: form.fields });
		const signed = await signOffDay(getDb(), form.data.day, user.id, form.data.comment, now());
		if (!signed) return fail(409, { errors: { form: 'cases_report_already_signed' }, values: form.fields });
		return { signed: true };
	}
};
