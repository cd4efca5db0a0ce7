import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { timeZone } from '$lib/server/config';
import { requirePermission } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/forms';
import { getCampaign } from '$lib/server/campaigns/service';
import { campaignDeliverySchema } from '$lib/domain/delivery/settings';
import { funnelRows } from '$lib/domain/delivery/funnel';
import { campaignFunnel, campaignLinks, getCampaignDelivery, messageCounts, setCampaignDelivery } from '$lib/server/delivery/funnel';
import { queueInvitations } from '$lib/server/delivery/queue';
import { sendDueMessages } from '$lib/server/delivery/send';
import type { Actions, PageServerLoad } from './$types';

async function linkCampaign(id: string) {
	const c = await getCampaign(getDb(), id);
	if (!c || c.channel === 'phone') throw error(404, 'not_found');
	return c;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'manageCampaigns');
	const db = getDb();
	const c = await linkCampaign(params.id);
	const [delivery, funnel, counts, links] = await Promise.all([
		getCampaignDelivery(db, c.id),
		campaignFunnel(db, c.id),
		messageCounts(db, c.id),
		campaignLinks(db, c.id)
	]);
	return {
		campaign: { id: c.id, name: c.name, status: c.status },
		delivery: delivery!,
		funnel: funnelRows(funnel),
		linkTotal: funnel.links,
		counts,
		links,
		// Times in the app's zone, the same on the server and in the browser.
		timeZone: timeZone()
	};
};

export const actions: Actions = {
	save: async ({ locals, params, url, request }) => {
		requirePermission(locals, url, 'manageCampaigns');
		await linkCampaign(params.id);
		const form = await parseForm(request, campaignDeliverySchema);
		if (!form.ok) return form.failure;
		await setCampaignDelivery(getDb(), params.id, form.data);
		return { saved: true };
	},
	/** What the jobs do every minute, at once: queue the due links and send within the rate limit. */
	send: async ({ locals, params, url }) => {
		requirePermission(locals, url, 'manageCampaigns');
		const c = await linkCampaign(params.id);
		if (c.status !== 'running') return fail(400, { error: 'jobs_send_not_running' });
		const db = getDb();
		const at = now();
		await queueInvitations(db, at);
		const result = await sendDueMessages(db, at);
		return { sent: result.sent, failed: result.failed + result.retry, held: result.held };
	}
};
