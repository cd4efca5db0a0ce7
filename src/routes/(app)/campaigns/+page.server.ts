import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { capDays, listCampaigns, setCapDays } from '$lib/server/campaigns/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageCampaigns');
	const db = getDb();
	const [campaigns, cap] = await Promise.all([listCampaigns(db), capDays(db)]);
	return {
		capDays: cap,
		campaigns: campaigns.map((c) => ({ ...c, enrolled: Number(c.enrolled ?? 0) }))
	};
};

export const actions: Actions = {
	cap: async ({ locals, request, url }) => {
		requirePermission(locals, url, 'manageCampaigns');
		const form = await parseForm(
			request,
			z.object({ capDays: z.coerce.number('campaign_error_days').int('campaign_error_days').min(0, 'campaign_error_days').max(3650, 'campaign_error_days') })
		);
		if (!form.ok) return form.failure;
		await setCapDays(getDb(), form.data.capDays);
		return { capSaved: true };
	}
};
