import type { Definition, Question } from './definition';
import type { AnswerValue } from './answers';

/** The rule values an answer stands for: yes/no, the scale number, or the chosen option ids. */
export function answerRuleValues(answer: AnswerValue): string[] {
	if (answer.yesNo !== null) return [answer.yesNo ? 'yes' : 'no'];
	if (answer.number !== null) return [String(answer.number)];
	return answer.choices ?? [];
}

export function answerMatches(answer: AnswerValue | undefined, anyOf: readonly string[]): boolean {
	return !!answer && answerRuleValues(answer).some((v) => anyOf.includes(v));
}

/**
 * The questions these answers lead to, in order: a show-if question appears only
 * when the question it looks at is shown and answered with one of its values, and
 * an end rule that matches stops the questionnaire after its question. Every
 * channel asks exactly these.
 */
export function visibleQuestions(definition: Definition, answers: ReadonlyMap<string, AnswerValue>): Question[] {
	const shown = new Set<string>();
	const visible: Question[] = [];
	for (const q of definition.questions) {
		if (q.showIf && !(shown.has(q.showIf.question) && answerMatches(answers.get(q.showIf.question), q.showIf.anyOf))) {
			continue;
		}
		shown.add(q.id);
		visible.push(q);
		if ('endIf' in q && q.endIf && answerMatches(answers.get(q.id), q.endIf)) break;
	}
	return visible;
}
