import { localize, type Locale } from '../../domain/locale';
import type { Definition } from '../../domain/questionnaire/definition';
import { pipe, type PipeValues } from '../../domain/questionnaire/piping';

/** A version's questions in one language with placeholders filled, as the respondent page renders them. */
export function surveyView(definition: Definition, locale: Locale, values: PipeValues) {
	const say = (text: Record<Locale, string>) => pipe(localize(text, locale), values, locale);
	return {
		intro: say(definition.intro),
		questions: definition.questions.map((q) => ({
			id: q.id,
			kind: q.kind,
			required: q.required,
			text: say(q.text)
		}))
	};
}
