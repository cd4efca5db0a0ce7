import type { AnswerValue } from './answers';
import { OTHER } from './values';

/** How the reader's language says yes, no, "other: …" and a list of chosen options. */
export interface AnswerWords {
	yes: string;
	no: string;
	other: (text: string) => string;
	list: (items: string[]) => string;
}

/**
 * An answer as a reader sees it: yes/no in words, options by their text (as the
 * caller renders them: localized, piped), "other" with what the customer said.
 */
export function answerText(answer: AnswerValue, optionText: (id: string) => string | undefined, words: AnswerWords): string {
	if (answer.yesNo !== null) return answer.yesNo ? words.yes : words.no;
	if (answer.number !== null) return String(answer.number);
	if (answer.choices !== null) {
		return words.list(answer.choices.map((id) => (id === OTHER ? words.other(answer.text ?? '') : (optionText(id) ?? id))));
	}
	return answer.text ?? '';
}
