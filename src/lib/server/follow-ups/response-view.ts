import { localize, type Locale } from '../../domain/locale';
import type { Question } from '../../domain/questionnaire/definition';
import { answerText } from '../../domain/questionnaire/answer-text';
import { visibleQuestions } from '../../domain/questionnaire/logic';
import type { Db } from '../db';
import { getResponse } from '../responses/queries';

export interface Words {
	yes: string;
	no: string;
	other: (text: string) => string;
	list: (items: string[]) => string;
}

function optionText(q: Question, id: string, locale: Locale): string | undefined {
	const option = 'options' in q ? q.options.find((o) => o.id === id) : undefined;
	return option && localize(option.text, locale);
}

/** The whole response read back as the customer saw it, through the same reader as the response page. */
export async function responseReadBack(db: Db, questionnaireId: string, responseId: string, locale: Locale, words: Words) {
	const response = await getResponse(db, questionnaireId, responseId);
	if (!response) return null;
	const asked = visibleQuestions(response.definition, response.answers).filter((q) => q.kind !== 'section');
	return {
		channel: response.channel,
		submittedAt: response.submitted_at ? new Date(response.submitted_at).toISOString() : null,
		agent: response.agent,
		items: asked.map((q) => {
			const answer = response.answers.get(q.id);
			return {
				id: q.id,
				text: localize(q.text, locale),
				no: answer?.yesNo === false,
				answer: answer ? answerText(answer, (id) => optionText(q, id, locale), words) : null
			};
		})
	};
}
