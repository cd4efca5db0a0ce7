import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { PAGE_SIZE, contactFacets, listContacts } from '$lib/server/contacts/service';
import type { PageServerLoad } from './$types';

/** The list's GET filters; anything malformed is simply not applied. */
const filterSchema = z
	.object({
		q: z.string().trim().max(100).optional().catch(undefined),
		tier: z.string().trim().max(40).optional().catch(undefined),
		industry: z.string().trim().max(100).optional().catch(undefined),
		dnc: z.enum(['yes', 'no']).optional().catch(undefined),
		page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined)
	})
	.transform((f) => ({
		search: f.q || null,
		tier: f.tier || null,
		industry: f.industry || null,
		dnc: f.dnc ?? null,
		page: f.page ?? 1
	}));

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageContacts');
	const filter = filterSchema.parse(Object.fromEntries(url.searchParams));
	const db = getDb();
	const [{ rows, total }, facets] = await Promise.all([listContacts(db, filter), contactFacets(db)]);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const pageHref = (page: number) => {
		const next = new URLSearchParams(url.searchParams);
		next.set('page', String(page));
		return `?${next}`;
	};
	return {
		filter,
		facets,
		total,
		page: filter.page,
		pages,
		prev: filter.page > 1 ? pageHref(filter.page - 1) : null,
		next: filter.page < pages ? pageHref(filter.page + 1) : null,
		contacts: rows.map((c) => ({
			id: c.id,
			name: c.name,
			phone: c.phone,
			externalId: c.external_id,
			tier: c.tier,
			industry: c.industry,
			eventDate: c.event_date,
			doNotContact: c.do_not_contact
		}))
	};
};
