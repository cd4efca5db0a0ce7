import { error } from '@sveltejs/kit';
import { localize, type Locale } from '$lib/domain/locale';
import type { Question } from '$lib/domain/questionnaire/definition';
import { answerText } from '$lib/domain/questionnaire/answer-text';
import { visibleQuestions } from '$lib/domain/questionnaire/logic';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { getResponse } from '$lib/server/responses/queries';
import { m } from '$lib/i18n';
import type { PageServerLoad } from './$types';

function optionText(q: Question, id: string, locale: Locale): string | undefined {
	const option = 'options' in q ? q.options.find((o) => o.id === id) : undefined;
	return option && localize(option.text, locale);
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requirePermission(locals, url, 'viewAnalytics');
	const response = await getResponse(getDb(), params.id, params.responseId);
	if (!response) throw error(404, 'not_found');
	const locale = locals.locale;
	const list = new Intl.ListFormat(locale, { type: 'conjunction' });
	const words = {
		yes: m.answer_yes({}, { locale }),
		no: m.answer_no({}, { locale }),
		other: (text: string) => m.call_other_answer({ text }, { locale }),
		list: (items: string[]) => list.format(items)
	};
	// The version this response answered, with only the questions its answers led to.
	const asked = visibleQuestions(response.definition, response.answers).filter((q) => q.kind !== 'section');
	return {
		questionnaireId: params.id,
		response: {
			channel: response.channel,
			status: response.status,
			version: response.version,
			agent: response.agent,
			submittedAt: response.submitted_at ? new Date(response.submitted_at).toISOString() : null
		},
		items: asked.map((q) => {
			const answer = response.answers.get(q.id);
			return {
				id: q.id,
				text: localize(q.text, locale),
				kind: q.kind,
				cause: q.kind === 'key' ? q.cause : null,
				no: answer?.yesNo === false,
				answer: answer ? answerText(answer, (id) => optionText(q, id, locale), words) : null
			};
		})
	};
};
