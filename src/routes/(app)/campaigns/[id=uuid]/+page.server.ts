import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { timeZone } from '$lib/server/config';
import { todayIn } from '$lib/domain/scheduling/dates';
import { EXCLUSIONS, type CampaignAction } from '$lib/domain/scheduling/campaign-rules';
import { linkCounts } from '$lib/server/links/service';
import { campaignCounts, capDays, phoneDueCount, changeStatus, enrollDue, getCampaign, previewCampaign } from '$lib/server/campaigns/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'manageCampaigns');
	const db = getDb();
	const today = todayIn(timeZone());
	let c = await getCampaign(db, params.id);
	if (!c) throw error(404, 'not_found');
	// A running campaign takes in the contacts that became due since it was last looked at.
	if (c.status === 'running') await enrollDue(db, c.id, today);
	c = (await getCampaign(db, params.id))!;
	const [preview, counts, cap, links, phoneDue] = await Promise.all([
		c.status === 'finished' ? null : previewCampaign(db, c, today),
		campaignCounts(db, c.id),
		capDays(db),
		linkCounts(db, c.id),
		phoneDueCount(db, c.id, today)
	]);
	return {
		today,
		links,
		linksUnavailable: url.searchParams.get('links') === 'unavailable',
		capDays: cap,
		exclusions: EXCLUSIONS,
		campaign: {
			id: c.id,
			name: c.name,
			status: c.status,
			questionnaire: c.questionnaire_title,
			questionnaireId: c.questionnaire_id,
			version: c.version_number,
			tiers: c.filter_tiers,
			industry: c.filter_industry,
			eventFrom: c.event_from,
			eventTo: c.event_to,
			delayDays: c.delay_days,
			samplePercent: c.sample_percent,
			sampleSeed: c.sample_seed,
			channel: c.channel,
			phoneAfterDays: c.phone_after_days,
			linkValidDays: c.link_valid_days
		},
		preview,
		counts: { ...counts, phoneDue }
	};
};

function transition(action: CampaignAction) {
	return async ({ locals, params, url }: RequestEvent<{ id: string }>) => {
		requirePermission(locals, url, 'manageCampaigns');
		const db = getDb();
		if (!(await getCampaign(db, params.id))) throw error(404, 'not_found');
		const changed = await changeStatus(db, params.id, action, todayIn(timeZone()));
		if (!changed) return fail(409, { error: 'campaign_error_state' });
		throw redirect(303, `/campaigns/${params.id}`);
	};
}

export const actions: Actions = {
	launch: transition('launch'),
	pause: transition('pause'),
	resume: transition('resume'),
	finish: transition('finish')
};
