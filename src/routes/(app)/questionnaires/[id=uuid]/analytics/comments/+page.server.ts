import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { timeZone } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { ALL_SUBMITTED } from '$lib/server/analytics/service';
import { filterChoices } from '$lib/server/analytics/queries';
import { commentsPage, commentTerms } from '$lib/server/analytics/comments';
import { getQuestionnaire } from '$lib/server/questionnaires/service';
import { filterParams, parseFilters } from '$lib/domain/analytics/filters';
import { COMMENTS_PAGE_SIZE, FREQUENCY_COMMENT_CAP, commentParams } from '$lib/domain/analytics/comments';
import { todayIn } from '$lib/domain/scheduling/dates';
import type { PageServerLoad } from './$types';

/** Customers' open answers under the analytics filters, with a search, and the frequent words and phrases among them. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'viewAnalytics');
	const db = getDb();
	const questionnaire = await getQuestionnaire(db, params.id);
	if (!questionnaire) throw error(404, 'not_found');
	const tz = timeZone();
	const parsed = parseFilters(url.searchParams, todayIn(tz, now()));
	const filters = parsed.ok ? parsed.filters : ALL_SUBMITTED;
	const own = commentParams.safeParse({ q: url.searchParams.get('q'), page: url.searchParams.get('page') });
	const { q, page } = own.success ? own.data : { q: undefined, page: 1 };
	const search = q || undefined;
	const [comments, terms, choices] = await Promise.all([
		commentsPage(db, params.id, tz, filters, search, page, locals.locale),
		commentTerms(db, params.id, tz, filters, search),
		filterChoices(db, params.id)
	]);
	return {
		id: params.id,
		title: questionnaire.title,
		params: parsed.ok ? parsed.params : filterParams.parse({}),
		filterError: parsed.ok ? null : parsed.field,
		searchError: !own.success,
		query: url.searchParams.toString(),
		choices,
		search: search ?? '',
		page,
		pages: Math.max(1, Math.ceil(comments.total / COMMENTS_PAGE_SIZE)),
		total: comments.total,
		more: comments.more,
		comments: comments.rows,
		terms,
		frequencyCap: FREQUENCY_COMMENT_CAP
	};
};
