import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { timeZone } from '$lib/server/config';
import { toCsv } from '$lib/domain/csv';
import { requireSupervisor } from '$lib/server/follow-ups/guard';
import { dailyReport, daySchema, reportCsvRows } from '$lib/server/follow-ups/report';
import { m } from '$lib/i18n';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	requireSupervisor(locals, url);
	const day = daySchema.safeParse(url.searchParams.get('day'));
	if (!day.success) throw error(404, 'not_found');
	const report = await dailyReport(getDb(), day.data, timeZone());
	const locale = { locale: locals.locale };
	const t = (f: (i: object, o: typeof locale) => string) => f({}, locale);
	const rows = reportCsvRows(report, {
		teams: [
			t(m.cases_report_day),
			t(m.cases_team),
			t(m.cases_report_opened),
			t(m.cases_report_no_answers),
			t(m.cases_report_resolved),
			t(m.cases_report_informed),
			t(m.cases_report_verified),
			t(m.cases_report_reopened),
			t(m.cases_report_overdue),
			t(m.cases_report_sla)
		],
		agents: [
			t(m.cases_report_day),
			t(m.cases_report_agent),
			t(m.cases_report_attempted),
			t(m.cases_report_completed),
			t(m.cases_report_no_answers),
			t(m.cases_report_resolved),
			t(m.cases_report_informed),
			t(m.cases_report_verified),
			t(m.cases_report_reopened)
		],
		none: t(m.cases_no_team)
	});
	return new Response('\uFEFF' + toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="callback-report-${day.data}.csv"`
		}
	});
};
