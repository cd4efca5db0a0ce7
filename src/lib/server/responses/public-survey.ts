import { localize, type Locale } from '../../domain/locale';
import type { Definition } from '../../domain/questionnaire/definition';

/** A version's questions in one language, as the respondent page renders them. */
export function surveyView(definition: Definition, locale: Locale) {
	return {
		intro: localize(definition.intro, locale),
		questions: definition.questions.map((q) => ({
			id: q.id,
			kind: q.kind,
			required: q.required,
			text: localize(q.text, locale)
		}))
	};
}
