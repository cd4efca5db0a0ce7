import type { Definition, Question } from './definition';
import { fieldName } from './answers';

/** The element of one question on the respondent page carries `data-q="<id>"`. */
const block = (id: string) => `[data-q="${id}"]`;

/** "This question's answer is one of these values", as a selector list for `:has()`. */
function checked(questionId: string, anyOf: readonly string[]): string {
	return anyOf.map((v) => `input[name="${fieldName(questionId)}"][value="${v}"]:checked`).join(',');
}

/** The conditions that must all hold to show a question: its own and, up the chain, its trigger's. */
function conditionChain(q: Question, byId: ReadonlyMap<string, Question>): string[] {
	const chain: string[] = [];
	for (let at: Question | undefined = q; at?.showIf; at = byId.get(at.showIf.question)) {
		chain.push(`:has(${checked(at.showIf.question, at.showIf.anyOf)})`);
	}
	return chain;
}

/**
 * The questionnaire's logic as a style sheet, so the respondent page shows and
 * hides questions as the customer answers without any JavaScript. It mirrors
 * `visibleQuestions` (the server's rule, which decides what is stored): show-if
 * questions are hidden until their chain of conditions holds, and a matching end
 * rule hides everything after its question. Ids and values are validated
 * (`[a-z0-9_]`), so they are safe inside selectors.
 */
export function logicCss(definition: Definition): string {
	const byId = new Map(definition.questions.map((q) => [q.id, q]));
	const rules: string[] = [];
	for (const q of definition.questions) {
		if (!q.showIf) continue;
		rules.push(`${block(q.id)}{display:none}`);
		rules.push(`form${conditionChain(q, byId).join('')} ${block(q.id)}{display:block}`);
	}
	definition.questions.forEach((q, i) => {
		if (!('endIf' in q) || !q.endIf) return;
		const later = definition.questions.slice(i + 1).map((l) => block(l.id));
		if (later.length > 0) rules.push(`form:has(${checked(q.id, q.endIf)}) :is(${later.join(',')}){display:none!important}`);
	});
	return rules.join('\n');
}
