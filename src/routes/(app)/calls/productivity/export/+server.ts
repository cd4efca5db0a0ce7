import { readDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guards';
import { timeZone } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { productivityReport } from '$lib/server/calls/productivity-report';
import { toCsv } from '$lib/domain/csv';
import type { RequestHandler } from './$types';

/** The report per agent and day as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese names). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { query, report, names } = await productivityReport(readDb(), user, Object.fromEntries(url.searchParams), timeZone(), now());
	const header = ['day', 'agent_code', 'agent', 'calls', 'contacts', 'completes', 'refusals', 'duty_hours', 'completes_per_hour', 'calls_per_hour', 'average_handle_seconds'];
	const rows = report.days.map((d) => {
		const f = d.figures;
		return [
			d.day,
			names[d.agentId]?.code ?? '',
			names[d.agentId]?.name ?? '',
			String(f.calls),
			String(f.contacts),
			String(f.completes),
			String(f.refusals),
			f.dutyHours.toFixed(2),
			f.completesPerHour.toFixed(2),
			f.callsPerHour.toFixed(2),
			f.averageHandleSeconds.toFixed(0)
		];
	});
	return new Response('\uFEFF' + toCsv([header, ...rows]), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="productivity-${query.from}-${query.to}.csv"`
		}
	});
};
