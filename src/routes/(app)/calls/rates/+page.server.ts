import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { ratesReport, reportCampaigns } from '$lib/server/calls/reports';
import { defaultEligibility, responseRates } from '$lib/domain/calls/aapor';
import { ratesQuerySchema } from '$lib/domain/calls/rates-query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePermission(locals, url, 'viewAnalytics');
	const db = getDb();
	const campaigns = await reportCampaigns(db);
	const query = ratesQuerySchema.safeParse(Object.fromEntries(url.searchParams));
	const eError = query.success ? null : 'floor_e_range';
	const campaignId = (query.success ? query.data.campaign : undefined) ?? campaigns[0]?.id;
	if (campaignId && !campaigns.some((c) => c.id === campaignId)) throw error(404, 'not_found');
	if (!campaignId) return { role: user.role, campaigns, campaignId: null, report: null, eError };
	const report = await ratesReport(db, campaignId);
	const defaultE = defaultEligibility(report.total);
	const e = (query.success ? query.data.e : null) ?? defaultE;
	return {
		role: user.role,
		campaigns,
		campaignId,
		eError,
		eInput: url.searchParams.get('e') ?? '',
		report: {
			e,
			defaultE,
			total: { counts: report.total, rates: responseRates(report.total, e) },
			agents: report.agents.map((a) => ({ ...a, rates: responseRates(a.counts, e) }))
		}
	};
};
