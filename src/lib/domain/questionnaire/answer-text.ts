import { localize, type Locale } from '../locale';
import type { Question } from './definition';
import type { AnswerValue } from './answers';
import { OTHER } from './values';

/** The words the UI uses for yes, no and "other", in the reader's language. */
export interface AnswerWords {
	yes: string;
	no: string;
	other: string;
}

/** An answer as a reader sees it: yes/no in words, options by their text, "other" with what the customer wrote. */
export function answerText(question: Question, answer: AnswerValue, locale: Locale, words: AnswerWords): string {
	if (answer.yesNo !== null) return answer.yesNo ? words.yes : words.no;
	if (answer.number !== null) return String(answer.number);
	if (answer.choices !== null) {
		const options = 'options' in question ? question.options : [];
		return answer.choices
			.map((id) => {
				if (id === OTHER) return answer.text ? `${words.other}: ${answer.text}` : words.other;
				const option = options.find((o) => o.id === id);
				return option ? localize(option.text, locale) : id;
			})
			.join(', ');
	}
	return answer.text ?? '';
}
