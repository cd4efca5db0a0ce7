import { error } from '@sveltejs/kit';
import { localize } from '$lib/domain/locale';
import { readDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { timeZone } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { questionnaireAnalytics, ALL_SUBMITTED } from '$lib/server/analytics/service';
import { filterChoices } from '$lib/server/analytics/queries';
import { filterParams, parseFilters } from '$lib/domain/analytics/filters';
import { todayIn } from '$lib/domain/scheduling/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'viewAnalytics');
	const db = readDb();
	const tz = timeZone();
	const parsed = parseFilters(url.searchParams, todayIn(tz, now()));
	const filters = parsed.ok ? parsed.filters : ALL_SUBMITTED;
	const [analytics, choices] = await Promise.all([questionnaireAnalytics(db, params.id, tz, filters), filterChoices(db, params.id)]);
	if (!analytics) throw error(404, 'not_found');
	return {
		id: params.id,
		title: analytics.version.title,
		params: parsed.ok ? parsed.params : filterParams.parse({}),
		filterError: parsed.ok ? null : parsed.field,
		range: { from: filters.from, to: filters.to },
		query: url.searchParams.toString(),
		choices,
		channels: analytics.channels,
		responses: analytics.responses,
		overall: analytics.overall,
		keyQuestions: analytics.keyQuestions.map((k) => ({ ...k, text: localize(k.text, locals.locale) })),
		choiceQuestions: analytics.choiceQuestions.map((q) => ({
			...q,
			text: localize(q.text, locals.locale),
			options: q.options.map((o) => ({ ...o, text: o.text ? localize(o.text, locals.locale) : null }))
		})),
		churn: analytics.churn,
		trend: analytics.trend,
		segments: analytics.segments,
		previous: analytics.previous
	};
};
