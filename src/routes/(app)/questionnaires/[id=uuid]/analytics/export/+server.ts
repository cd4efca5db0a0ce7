import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb, readDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { timeZone } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { m } from '$lib/i18n';
import { recordAudit } from '$lib/server/audit/service';
import { parseFilters } from '$lib/domain/analytics/filters';
import { todayIn } from '$lib/domain/scheduling/dates';
import { csvExport, exportCodebook, xlsxExport, type ExportLabels } from '$lib/server/analytics/export';
import type { RequestHandler } from './$types';

const formatSchema = z.enum(['csv', 'xlsx']);

function labels(): ExportLabels {
	return {
		yes: m.answer_yes(),
		no: m.answer_no(),
		other: m.answer_other(),
		fixed: {
			response_id: m.ana_col_response_id(),
			submitted_at: m.ana_col_submitted_at(),
			version: m.ana_version(),
			status: m.ana_col_status(),
			channel: m.analytics_channel(),
			campaign: m.ana_campaign(),
			agent_code: m.ana_col_agent_code(),
			contact_id: m.ana_col_contact_id(),
			tier: m.ana_tier(),
			industry: m.ana_industry()
		},
		channel: { web: m.channel_web(), phone: m.channel_phone() },
		status: { completed: m.ana_completed(), partial: m.ana_partial() },
		sheetResponses: m.ana_sheet_responses(),
		sheetCodebook: m.ana_sheet_codebook(),
		codebookHeader: [m.ana_cb_variable(), m.ana_cb_label(), m.ana_cb_code(), m.ana_cb_code_label()]
	};
}

/**
 * The filtered responses as CSV or XLSX, streamed: the browser shows the download
 * growing while pages of 1,000 responses are read and written.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requirePermission(locals, url, 'viewAnalytics');
	const format = formatSchema.safeParse(url.searchParams.get('format'));
	const tz = timeZone();
	const parsed = parseFilters(url.searchParams, todayIn(tz, now()));
	if (!format.success || !parsed.ok) throw error(400, m.ana_export_bad_request());
	// The rows come from the read replica when there is one; the audit entry is a write.
	const db = readDb();
	const l = labels();
	const columns = await exportCodebook(db, params.id, locals.locale, l);
	if (!columns) throw error(404, 'not_found');
	const stamp = todayIn(tz, now());
	const name = `huifang-responses-${stamp}.${format.data}`;
	// The export holds every answer: who took which responses is kept.
	await recordAudit(getDb(), {
		actorId: user.id,
		action: 'responses_exported',
		targetType: 'questionnaire',
		targetId: params.id,
		detail: { format: format.data, filters: Object.fromEntries(url.searchParams) }
	});
	const body = format.data === 'csv' ? csvExport(db, params.id, tz, parsed.filters, columns) : xlsxExport(db, params.id, tz, parsed.filters, columns, l);
	return new Response(body, {
		headers: {
			'Content-Type': format.data === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${name}"`,
			'Cache-Control': 'no-store'
		}
	});
};
