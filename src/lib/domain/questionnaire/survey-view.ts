import { localize, type Locale, type Localized } from '../locale';
import type { Definition } from './definition';
import { logicCss } from './logic-css';
import { pipe, type PipeValues } from './piping';

/** A questionnaire's questions in one language with placeholders filled, as the respondent page (and the builder's preview) renders them. */
export function surveyView(definition: Definition, locale: Locale, values: PipeValues) {
	const say = (text: Localized) => pipe(localize(text, locale), values, locale);
	return {
		intro: say(definition.intro),
		logicCss: logicCss(definition),
		questions: definition.questions.map((q) => ({
			id: q.id,
			kind: q.kind,
			required: q.required,
			text: say(q.text),
			help: q.help ? say(q.help) : null,
			options: 'options' in q ? q.options.map((o) => ({ id: o.id, text: say(o.text) })) : [],
			allowOther: 'allowOther' in q ? q.allowOther : false
		}))
	};
}

export type SurveyView = ReturnType<typeof surveyView>;
