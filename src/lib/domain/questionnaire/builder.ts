import { LOCALES, localize, type Locale, type Localized } from '../locale';
import { OTHER, type Definition, type Question, type QuestionKind } from './definition';

/** The editing steps of the builder, as pure functions over a draft: the page only keeps state. */

const blank = (): Localized => Object.fromEntries(LOCALES.map((l) => [l, ''])) as Localized;

/** The first `<prefix>_<n>` not taken: ids stay stable once given, so analytics can follow a question across versions. */
export function freshId(prefix: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	for (let n = 1; ; n++) if (!used.has(`${prefix}_${n}`)) return `${prefix}_${n}`;
}

/** A new question of `kind` with empty texts, ready to be written. */
export function newQuestion(kind: QuestionKind, takenIds: Iterable<string>): Question {
	const id = freshId(kind === 'key' ? 'key' : kind, takenIds);
	const base = { id, text: blank() };
	switch (kind) {
		case 'key':
			return { ...base, kind, required: true, cause: 'service', agentText: blank(), preparedResponse: blank() };
		case 'single':
		case 'multiple':
			return {
				...base,
				kind,
				required: true,
				allowOther: false,
				options: [
					{ id: 'a', text: blank() },
					{ id: 'b', text: blank() }
				]
			};
		case 'section':
			return { ...base, kind, required: false };
		case 'text':
			return { ...base, kind, required: false };
		default:
			return { ...base, kind, required: true };
	}
}

/** A questionnaire with a greeting and thanks to reword and no questions yet. */
export function blankDefinition(): Definition {
	return {
		schemaVersion: 1,
		intro: {
			'zh-CN': '您好！耽误您一分钟，请回答以下几个问题，帮助我们改进服务。',
			en: 'Hello! Please take a minute to answer a few questions and help us improve.'
		},
		thanks: {
			'zh-CN': '感谢您的反馈！您反映的问题我们会安排专人跟进。',
			en: 'Thank you for your feedback! Someone will follow up on any problem you raised.'
		},
		questions: []
	};
}

/** The wording of the standard "why?" follow-up after a "no". */
export const WHY_TEXT: Localized = {
	'zh-CN': '能告诉我们原因吗？',
	en: 'Could you tell us why?'
};

/** A "why?" open question shown only when `key` is answered "no", placed right after it. */
export function withWhyFollowUp(def: Definition, keyId: string): Definition {
	const index = def.questions.findIndex((q) => q.id === keyId);
	if (index < 0) return def;
	const why: Question = {
		id: freshId(`${keyId.slice(0, 34)}_why`, def.questions.map((q) => q.id)),
		kind: 'text',
		required: false,
		text: { ...WHY_TEXT },
		showIf: { question: keyId, anyOf: ['no'] }
	};
	return insertAt(def, index + 1, why);
}

export function insertAt(def: Definition, index: number, question: Question): Definition {
	const questions = [...def.questions];
	questions.splice(Math.max(0, Math.min(index, questions.length)), 0, question);
	return { ...def, questions };
}

export function removeAt(def: Definition, index: number): { def: Definition; removed: Question | null } {
	const removed = def.questions[index] ?? null;
	return { def: { ...def, questions: def.questions.filter((_, i) => i !== index) }, removed };
}

/** A copy placed right after the original, under a new id (rules pointing at the original stay with it). */
export function duplicateAt(def: Definition, index: number): Definition {
	const original = def.questions[index];
	if (!original) return def;
	const copy = structuredClone(original);
	copy.id = freshId(original.id.replace(/_\d+$/, '').slice(0, 34), def.questions.map((q) => q.id));
	return insertAt(def, index + 1, copy);
}

/** Moves a question from one position to another; positions outside the list are clamped. */
export function move(def: Definition, from: number, to: number): Definition {
	if (from < 0 || from >= def.questions.length) return def;
	const questions = [...def.questions];
	const [question] = questions.splice(from, 1);
	questions.splice(Math.max(0, Math.min(to, questions.length)), 0, question!);
	return { ...def, questions };
}

/** Earlier questions whose answer can steer a show-if rule of the question at `index`. */
export function possibleTriggers(def: Definition, index: number): Question[] {
	return def.questions.slice(0, index).filter((q) => ['key', 'rating', 'nps', 'single', 'multiple'].includes(q.kind));
}

/** How the builder and the script preview name an answer value: yes, no and "other" in the UI's words, options by their text. */
export function ruleValueLabel(
	q: Question,
	value: string,
	locale: Locale,
	words: { yes: string; no: string; other: string }
): string {
	if (q.kind === 'key') return value === 'yes' ? words.yes : words.no;
	if (q.kind === 'single' || q.kind === 'multiple') {
		if (value === OTHER) return words.other;
		const option = q.options.find((o) => o.id === value);
		return (option && localize(option.text, locale)) || value;
	}
	return value;
}
