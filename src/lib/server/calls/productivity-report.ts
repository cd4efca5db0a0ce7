import type { Db } from '../db';
import type { SessionUser } from '../auth/sessions';
import { productivity, productivityQuery } from '../../domain/calls/productivity';
import { todayIn } from '../../domain/scheduling/dates';
import { agentNames, productivityBuckets } from './productivity';
import { reportCampaigns } from './reports';

/** The productivity report a user may see: agents their own figures only, the floor everyone's. */
export async function productivityReport(db: Db, user: SessionUser, params: Record<string, string>, timeZone: string, now: Date) {
	const query = productivityQuery(params, todayIn(timeZone, now));
	const own = user.role === 'agent';
	const [campaigns, buckets] = await Promise.all([
		reportCampaigns(db),
		productivityBuckets(db, { campaignId: query.campaign, from: query.from, to: query.to, agentId: own ? user.id : null, timeZone })
	]);
	const report = productivity(buckets);
	const names = await agentNames(db, report.agents.map((a) => a.agentId));
	return { query, campaigns, report, names: Object.fromEntries(names), own };
}
