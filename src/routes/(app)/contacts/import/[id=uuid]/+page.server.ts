import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formFields } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { CONTACT_FIELDS, columnChoiceSchema, guessMapping, type ColumnTarget } from '$lib/domain/contacts/fields';
import { decodeTarget, getImport, importPreview, launchImport, resumeIfStale, startImport } from '$lib/server/contacts/import';
import type { Actions, PageServerLoad } from './$types';

/** Rejections shown on the page; the CSV download has all of them. */
const REPORT_ON_PAGE = 1000;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'manageContacts');
	const db = getDb();
	const job = await getImport(db, params.id);
	if (!job) throw error(404, 'not_found');
	if (job.status === 'running') await resumeIfStale(db, job.id);
	const targets = job.mapping ? job.mapping.map(decodeTarget) : guessMapping(job.headers);
	return {
		job: {
			id: job.id,
			fileName: job.file_name,
			encoding: job.encoding,
			status: job.status,
			total: job.total,
			processed: job.processed,
			created: job.created,
			merged: job.merged,
			rejected: job.rejected
		},
		headers: job.headers,
		mapping: targets.map((t) => ({ choice: t.kind === 'field' ? t.field : t.kind, key: t.kind === 'attribute' ? t.key : '' })),
		preview: job.status === 'mapping' ? await importPreview(db, job.id) : [],
		fields: CONTACT_FIELDS,
		report: job.report.slice(0, REPORT_ON_PAGE),
		reportTruncated: job.report.length > REPORT_ON_PAGE
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		requirePermission(locals, url, 'manageContacts');
		const db = getDb();
		const job = await getImport(db, params.id);
		if (!job) throw error(404, 'not_found');
		const fields = formFields(await request.formData());
		const targets: ColumnTarget[] = [];
		const errors: Record<string, string> = {};
		job.headers.forEach((_, i) => {
			const choice = columnChoiceSchema.safeParse(fields[`col_${i}`]);
			if (!choice.success) {
				errors[`col_${i}`] = 'invalid';
				targets.push({ kind: 'ignore' });
			} else if (choice.data === 'ignore') targets.push({ kind: 'ignore' });
			else if (choice.data === 'attribute') targets.push({ kind: 'attribute', key: (fields[`attr_${i}`] ?? '').trim() });
			else targets.push({ kind: 'field', field: choice.data });
		});
		if (Object.keys(errors).length) return fail(400, { errors, values: fields });
		const started = await startImport(db, job.id, targets);
		if (!started.ok) return fail(400, { errors: started.errors, values: fields });
		launchImport(db, job.id);
		throw redirect(303, `/contacts/import/${job.id}`);
	}
};
