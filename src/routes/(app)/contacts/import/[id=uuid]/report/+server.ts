import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { getImport } from '$lib/server/contacts/import';
import { toCsv } from '$lib/domain/csv';
import { m, msg } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** Every rejected row of an import, as CSV in the user's language (UTF-8 with BOM, so Excel reads Chinese). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'manageContacts');
	const job = await getImport(getDb(), params.id);
	if (!job) throw error(404, 'not_found');
	const rows = [
		[m.contacts_report_row(), m.contacts_report_reason(), m.contacts_report_value()],
		...job.report.map((r) => [String(r.row), msg('contacts', r.reason), r.value ?? ''])
	];
	return new Response('\ufeff' + toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="import-report-${job.id.slice(0, 8)}.csv"`
		}
	});
};
