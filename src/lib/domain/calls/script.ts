import type { Definition } from '../questionnaire/definition';
import type { CallOutcome } from './outcomes';

/** Required questions of a version that have no answer yet, in script order. */
export function missingRequired(definition: Definition, answered: ReadonlySet<string>): string[] {
	return definition.questions.filter((q) => q.required && !answered.has(q.id)).map((q) => q.id);
}

/** The outcome the recap proposes: completed when every required question was answered. */
export function suggestedOutcome(definition: Definition, answered: ReadonlySet<string>): CallOutcome {
	return missingRequired(definition, answered).length === 0 ? 'completed' : 'partial';
}

/** Why an outcome cannot be saved for this call, or null when it can. */
export function outcomeProblem(
	outcome: CallOutcome,
	definition: Definition,
	answered: ReadonlySet<string>
): 'required_missing' | 'nothing_answered' | null {
	if (outcome === 'completed' && missingRequired(definition, answered).length > 0) return 'required_missing';
	if (outcome === 'partial' && answered.size === 0) return 'nothing_answered';
	return null;
}

/** Clamp a requested question position into the script; past the end means the recap. */
export function positionAfter(definition: Definition, position: number): number | 'recap' {
	const next = position + 1;
	return next >= definition.questions.length ? 'recap' : next;
}
