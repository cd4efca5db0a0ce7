import { ruleValuesOf, type RuleSubject } from './values';

export interface LogicProblem {
	path: (string | number)[];
	message: string;
}

/**
 * What is wrong with a questionnaire's show-if and end rules. A rule may only look
 * back at an earlier question, so a questionnaire can never loop; a question that
 * ends the questionnaire must itself always be shown, so every channel (including
 * the respondent page without JavaScript) agrees on what was asked.
 */
export function logicProblems(questions: readonly RuleSubject[]): LogicProblem[] {
	const problems: LogicProblem[] = [];
	const position = new Map(questions.map((q, i) => [q.id, i]));
	questions.forEach((q, i) => {
		if (q.showIf) {
			const at = ['questions', i, 'showIf', 'question'];
			const target = position.get(q.showIf.question);
			if (target === undefined) problems.push({ path: at, message: 'logic_unknown_question' });
			else if (target === i) problems.push({ path: at, message: 'logic_cycle' });
			else if (target > i) problems.push({ path: at, message: 'logic_later_question' });
			else {
				const allowed = ruleValuesOf(questions[target]!);
				if (allowed.length === 0) problems.push({ path: at, message: 'logic_not_a_trigger' });
				else if (q.showIf.anyOf.some((v) => !allowed.includes(v))) {
					problems.push({ path: ['questions', i, 'showIf', 'anyOf'], message: 'logic_unknown_value' });
				}
			}
		}
		if (q.endIf) {
			const allowed = ruleValuesOf(q);
			if (q.endIf.some((v) => !allowed.includes(v))) {
				problems.push({ path: ['questions', i, 'endIf'], message: 'logic_unknown_value' });
			}
			if (q.showIf) problems.push({ path: ['questions', i, 'endIf'], message: 'logic_end_on_conditional' });
		}
	});
	return problems;
}
