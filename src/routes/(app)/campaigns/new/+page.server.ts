import { randomBytes } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { CHANNELS, DELAY_PRESETS, campaignFormSchema } from '$lib/domain/scheduling/campaign-rules';
import { campaignQuestionnaires, createCampaign } from '$lib/server/campaigns/service';
import { contactFacets } from '$lib/server/contacts/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageCampaigns');
	const db = getDb();
	const [questionnaires, facets] = await Promise.all([campaignQuestionnaires(db), contactFacets(db)]);
	return {
		questionnaires,
		facets,
		channels: CHANNELS,
		presets: DELAY_PRESETS,
		// A fresh seed per form: written down with the campaign, it reproduces the sample.
		seed: randomBytes(6).toString('hex')
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const user = requirePermission(locals, url, 'manageCampaigns');
		const form = await parseForm(request, campaignFormSchema);
		if (!form.ok) return form.failure;
		const id = await createCampaign(getDb(), form.data, user.id);
		if (!id) return fail(400, { errors: { questionnaireId: 'campaign_error_questionnaire' }, values: form.fields });
		throw redirect(303, `/campaigns/${id}`);
	}
};
