import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { timeZone } from '$lib/server/config';
import { listAudit } from '$lib/server/audit/queries';
import { AUDIT_ACTIONS } from '$lib/server/audit/service';
import type { PageServerLoad } from './$types';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(d)));
const filterSchema = z.object({
	actor: z.string().trim().toLowerCase().max(40).optional().catch(undefined),
	action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
	from: day.optional().catch(undefined),
	to: day.optional().catch(undefined),
	before: z.string().regex(/^\d{1,18}$/).optional().catch(undefined)
});

/** Filters come from the query string, so a filtered page can be bookmarked; bad values are ignored. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageUsers');
	const filter = filterSchema.parse(Object.fromEntries(url.searchParams));
	const page = await listAudit(getDb(), { ...filter, timeZone: timeZone() });
	return {
		filter: { actor: filter.actor ?? '', action: filter.action ?? '', from: filter.from ?? '', to: filter.to ?? '' },
		actions: AUDIT_ACTIONS,
		entries: page.entries.map((e) => ({
			id: e.id,
			at: new Date(e.at).toISOString(),
			actor: e.actor_name,
			action: e.action,
			target: e.target_type ? `${e.target_type}${e.target_id ? ` ${e.target_id}` : ''}` : null,
			detail: Object.keys(e.detail).length ? JSON.stringify(e.detail) : ''
		})),
		older: page.more ? page.entries.at(-1)!.id : null,
		timeZone: timeZone()
	};
};
