import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guards';
import { timeZone } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { productivityReport } from '$lib/server/calls/productivity-report';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const data = await productivityReport(getDb(), user, Object.fromEntries(url.searchParams), timeZone(), now());
	if (data.query.campaign && !data.campaigns.some((c) => c.id === data.query.campaign)) throw error(404, 'not_found');
	return { ...data, role: user.role, search: url.search };
};
