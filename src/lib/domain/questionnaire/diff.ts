import { LOCALES, localize, type Locale, type Localized } from '../locale';
import type { Definition, Question } from './definition';

export interface DefinitionDiff {
	added: string[];
	removed: string[];
	/** Questions present in both whose wording or settings differ, with the fields that changed. */
	changed: { id: string; fields: string[] }[];
	/** The shared questions are in another order. */
	reordered: boolean;
}

const TEXT_FIELDS = ['text', 'agentText', 'preparedResponse', 'help'] as const;
/** Settings compared as a whole: a changed option, rule or flag counts as a change of the question. */
const SETTINGS = ['kind', 'required', 'cause', 'options', 'allowOther', 'showIf', 'endIf'] as const;

function localizedField(q: Question, field: (typeof TEXT_FIELDS)[number]): Localized | undefined {
	return field in q ? (q as unknown as Record<string, Localized>)[field] : undefined;
}

function changedFields(a: Question, b: Question): string[] {
	const fields: string[] = [];
	for (const field of TEXT_FIELDS) {
		const before = localizedField(a, field);
		const after = localizedField(b, field);
		for (const locale of LOCALES) {
			if (before?.[locale] !== after?.[locale]) fields.push(`${field}.${locale}`);
		}
	}
	for (const field of SETTINGS) {
		const before = JSON.stringify((a as Record<string, unknown>)[field]);
		if (before !== JSON.stringify((b as Record<string, unknown>)[field])) fields.push(field);
	}
	return fields;
}

/** What changed from one definition to the next, matching questions by their stable id. */
export function diffDefinitions(before: Definition, after: Definition): DefinitionDiff {
	const beforeById = new Map(before.questions.map((q) => [q.id, q]));
	const afterIds = new Set(after.questions.map((q) => q.id));
	const shared = after.questions.filter((q) => beforeById.has(q.id));
	const sharedBefore = before.questions.filter((q) => afterIds.has(q.id)).map((q) => q.id);
	return {
		added: after.questions.filter((q) => !beforeById.has(q.id)).map((q) => q.id),
		removed: before.questions.filter((q) => !afterIds.has(q.id)).map((q) => q.id),
		changed: shared
			.map((q) => ({ id: q.id, fields: changedFields(beforeById.get(q.id)!, q) }))
			.filter((c) => c.fields.length > 0),
		reordered: shared.some((q, i) => q.id !== sharedBefore[i])
	};
}

export function isEmptyDiff(diff: DefinitionDiff): boolean {
	return !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.reordered;
}

/** A diff told in question texts, for people. */
export interface ChangeSummary {
	added: string[];
	removed: string[];
	changed: string[];
	reordered: boolean;
}

/** How a refused save differs from what is saved now. */
export interface ConflictInfo {
	revision: number;
	title: string | null;
	differences: ChangeSummary;
}

/** A diff told in question texts (in one language), as the editor shows it. */
export function describeChanges(before: Definition, after: Definition, locale: Locale): ChangeSummary {
	const diff = diffDefinitions(before, after);
	const textOf = (def: Definition, id: string) => {
		const index = def.questions.findIndex((q) => q.id === id);
		return `${index + 1}. ${localize(def.questions[index]!.text, locale)}`;
	};
	return {
		added: diff.added.map((id) => textOf(after, id)),
		removed: diff.removed.map((id) => textOf(before, id)),
		changed: diff.changed.map((c) => textOf(after, c.id)),
		reordered: diff.reordered
	};
}
