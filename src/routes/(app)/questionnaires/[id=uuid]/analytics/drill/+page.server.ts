import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { localize } from '$lib/domain/locale';
import { readDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { timeZone } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { questionnaireAnalytics } from '$lib/server/analytics/service';
import { DRILL_PAGE_SIZE, noAnswers } from '$lib/server/analytics/drill';
import { parseFilters } from '$lib/domain/analytics/filters';
import { CHURN_CAUSES } from '$lib/domain/questionnaire/definition';
import { todayIn } from '$lib/domain/scheduling/dates';
import type { PageServerLoad } from './$types';

const drillSchema = z.union([
	z.object({ question: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), page: z.coerce.number().int().min(1).max(100_000).catch(1) }),
	z.object({ cause: z.enum(CHURN_CAUSES) })
]);

/** Drill-down from the Pareto: a cause's key questions, then one question's "no" answers with the customers' reasons. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'viewAnalytics');
	const tz = timeZone();
	const parsed = parseFilters(url.searchParams, todayIn(tz, now()));
	const target = drillSchema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.ok || !target.success) throw error(404, 'not_found');
	const db = readDb();
	const analytics = await questionnaireAnalytics(db, params.id, tz, parsed.filters);
	if (!analytics) throw error(404, 'not_found');
	const questions = analytics.version.definition.questions;
	const base = { id: params.id, title: analytics.version.title, query: url.searchParams.toString() };
	if ('cause' in target.data) {
		const cause = target.data.cause;
		return {
			...base,
			view: 'cause' as const,
			cause,
			questions: analytics.keyQuestions
				.filter((k) => k.cause === cause)
				.sort((a, b) => b.no - a.no)
				.map((k) => ({ id: k.id, text: localize(k.text, locals.locale), no: k.no, total: k.total }))
		};
	}
	const { question: questionId, page } = target.data;
	const question = questions.find((q) => q.id === questionId && q.kind === 'key');
	if (!question || question.kind !== 'key') throw error(404, 'not_found');
	const whyIds = questions.filter((q) => q.kind === 'text' && q.showIf?.question === questionId).map((q) => q.id);
	const answers = await noAnswers(db, params.id, tz, parsed.filters, questionId, whyIds, page);
	return {
		...base,
		view: 'question' as const,
		cause: question.cause,
		question: { id: question.id, text: localize(question.text, locals.locale) },
		page,
		pages: Math.max(1, Math.ceil(answers.total / DRILL_PAGE_SIZE)),
		total: answers.total,
		rows: answers.rows
	};
};
