import { error } from '@sveltejs/kit';
import { localize } from '$lib/domain/locale';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { timeZone } from '$lib/server/config';
import { questionnaireAnalytics } from '$lib/server/analytics/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'viewAnalytics');
	const analytics = await questionnaireAnalytics(getDb(), params.id, timeZone());
	if (!analytics) throw error(404, 'not_found');
	return {
		id: params.id,
		title: analytics.version.title,
		channels: analytics.channels,
		keyQuestions: analytics.keyQuestions.map((k) => ({ ...k, text: localize(k.text, locals.locale) })),
		choiceQuestions: analytics.choiceQuestions.map((q) => ({
			...q,
			text: localize(q.text, locals.locale),
			options: q.options.map((o) => ({ ...o, text: o.text ? localize(o.text, locals.locale) : null }))
		})),
		churn: analytics.churn,
		trend: analytics.trend
	};
};
