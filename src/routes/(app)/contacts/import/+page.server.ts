import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { MAX_CSV_BYTES } from '$lib/server/contacts/csv';
import { createImport, listImports } from '$lib/server/contacts/import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageContacts');
	const imports = await listImports(getDb());
	return {
		imports: imports.map((i) => ({ ...i, created_at: new Date(i.created_at).toISOString() }))
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const user = requirePermission(locals, url, 'manageContacts');
		// Refused by size before reading: adapter-node would cut the body off at BODY_SIZE_LIMIT (start.ts sets 21M).
		if (Number(request.headers.get('content-length') ?? 0) > MAX_CSV_BYTES + 64 * 1024) {
			return fail(413, { error: 'contacts_file_too_large', line: null });
		}
		const data = await request.formData().catch(() => null);
		const file = data?.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { error: 'contacts_file_missing', line: null });
		if (file.size > MAX_CSV_BYTES) return fail(400, { error: 'contacts_file_too_large', line: null });
		const created = await createImport(getDb(), {
			userId: user.id,
			fileName: file.name || 'contacts.csv',
			bytes: new Uint8Array(await file.arrayBuffer())
		});
		if (!created.ok) return fail(400, { error: created.error, line: created.line ?? null });
		throw redirect(303, `/contacts/import/${created.id}`);
	}
};
