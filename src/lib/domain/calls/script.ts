import type { Definition, Question } from '../questionnaire/definition';
import type { AnswerValue } from '../questionnaire/answers';
import { visibleQuestions } from '../questionnaire/logic';
import type { DispositionEffect } from './dispositions';

/**
 * The phone script follows the questionnaire's logic: which questions a call asks
 * is always `visibleQuestions(definition, answers)`, recomputed from the answers
 * given so far. A position is a question's index in the definition.
 */
export type Answers = ReadonlyMap<string, AnswerValue>;
export type ScriptPosition = number | 'recap';

/** Indexes (in the definition) of the questions these answers lead to, in order. */
export function visibleIndexes(definition: Definition, answers: Answers): number[] {
	const ids = new Set(visibleQuestions(definition, answers).map((q) => q.id));
	return definition.questions.flatMap((q, i) => (ids.has(q.id) ? [i] : []));
}

/** The questions the script asks that can hold an answer (section texts are read, never answered). */
export function askedQuestions(definition: Definition, answers: Answers): Question[] {
	return visibleQuestions(definition, answers).filter((q) => q.kind !== 'section');
}

/** Ids of stored answers the logic no longer leads to: they were not asked, so they do not count. */
export function hiddenAnswers(definition: Definition, answers: Answers): string[] {
	const visible = new Set(askedQuestions(definition, answers).map((q) => q.id));
	return [...answers.keys()].filter((id) => !visible.has(id));
}

/** Required questions the logic leads to that have no answer yet, in script order. */
export function missingRequired(definition: Definition, answers: Answers): string[] {
	return askedQuestions(definition, answers)
		.filter((q) => q.required && !answers.has(q.id))
		.map((q) => q.id);
}

/** How many questions the logic leads to have an answer. */
export function answeredCount(definition: Definition, answers: Answers): number {
	return askedQuestions(definition, answers).filter((q) => answers.has(q.id)).length;
}

/** The disposition the recap proposes: completed when every required question asked was answered. */
export function suggestedOutcome(definition: Definition, answers: Answers): 'completed' | 'partial' {
	return missingRequired(definition, answers).length === 0 ? 'completed' : 'partial';
}

/** Why a disposition with this effect cannot end the call yet, or null when it can. */
export function outcomeProblem(
	effect: DispositionEffect,
	definition: Definition,
	answers: Answers
): 'required_missing' | 'nothing_answered' | null {
	if (effect === 'complete' && missingRequired(definition, answers).length > 0) return 'required_missing';
	if (effect === 'partial' && answeredCount(definition, answers) === 0) return 'nothing_answered';
	return null;
}

/** Whether the script asks the question at this index, given these answers. */
export function isVisibleAt(definition: Definition, answers: Answers, index: number): boolean {
	return visibleIndexes(definition, answers).includes(index);
}

/** Where moving forward from a position goes: the next question the logic leads to, or the recap. */
export function positionAfter(definition: Definition, answers: Answers, position: number): ScriptPosition {
	return visibleIndexes(definition, answers).find((i) => i > position) ?? 'recap';
}

/** Where ← goes: the previous question the logic leads to; null before the first one. */
export function positionBefore(definition: Definition, answers: Answers, position: ScriptPosition): number | null {
	const before = visibleIndexes(definition, answers).filter((i) => position === 'recap' || i < position);
	return before.at(-1) ?? null;
}

/** "Question n of total" for an answerable question, counting only what the logic leads to so far. */
export function progressAt(
	definition: Definition,
	answers: Answers,
	position: number
): { n: number; total: number } | null {
	const question = definition.questions[position];
	if (!question || question.kind === 'section') return null;
	const asked = askedQuestions(definition, answers);
	const n = asked.findIndex((q) => q.id === question.id);
	return n < 0 ? null : { n: n + 1, total: asked.length };
}
