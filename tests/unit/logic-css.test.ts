import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logicCss } from '$lib/domain/questionnaire/logic-css';
import { answerRuleValues, visibleQuestions } from '$lib/domain/questionnaire/logic';
import { fieldName, type AnswerValue } from '$lib/domain/questionnaire/answers';
import { definitionSchema, type Definition } from '$lib/domain/questionnaire/definition';
import { TEMPLATES } from '$lib/domain/templates';
import {
	definition,
	key,
	rating,
	single,
	soundDefinitionArb,
	soundWithAnswersArb,
	text,
	whyBranch
} from './questionnaire-fixtures';

const rules = (css: string) => css.split('\n').filter((r) => r !== '');

/**
 * What a browser without JavaScript shows, given the style sheet and the ticked
 * inputs: a minimal cascade for the selectors logicCss writes (`[data-q]`,
 * `form:has(input[name][value]:checked, …)… [data-q]` and `… :is([data-q], …)`),
 * ranked as CSS does — !important, then specificity, then order. A rule in any
 * other shape fails the test rather than being guessed at.
 */
function shownByCss(css: string, def: Definition, answers: ReadonlyMap<string, AnswerValue>): string[] {
	const checked = new Set(
		[...answers.values()].flatMap((a) => answerRuleValues(a).map((v) => `${fieldName(a.questionId)}=${v}`))
	);
	const parsed = rules(css).map((rule, order) => {
		const m = /^(form((?::has\([^()]*\))+) )?(\[data-q="[a-z0-9_]+"\]|:is\((?:\[data-q="[a-z0-9_]+"\],?)+\))\{display:(none|block)(!important)?\}$/.exec(rule);
		if (!m) throw new Error(`unexpected rule ${rule}`);
		const conditions = [...(m[2] ?? '').matchAll(/:has\(([^()]*)\)/g)].map((h) =>
			h[1]!.split(',').map((sel) => {
				const input = /^input\[name="([a-z0-9_]+)"\]\[value="([a-z0-9_]+)"\]:checked$/.exec(sel);
				if (!input) throw new Error(`unexpected condition ${sel}`);
				return `${input[1]}=${input[2]}`;
			})
		);
		const targets = [...m[3]!.matchAll(/\[data-q="([a-z0-9_]+)"\]/g)].map((x) => x[1]!);
		// form = (0,0,1); each :has(input[..][..]:checked) = (0,3,1); the target = (0,1,0).
		const specificity = m[1] ? [0, 1 + 3 * conditions.length, 1 + conditions.length] : [0, 1, 0];
		return { conditions, targets, display: m[4]!, important: !!m[5], specificity, order };
	});
	const rank = (r: (typeof parsed)[number]) => [r.important ? 1 : 0, ...r.specificity, r.order];
	const beats = (a: number[], b: number[]) => {
		const i = a.findIndex((x, j) => x !== b[j]);
		return i !== -1 && a[i]! > b[i]!;
	};
	return def.questions
		.filter((q) => {
			const matching = parsed.filter(
				(r) => r.targets.includes(q.id) && r.conditions.every((any) => any.some((c) => checked.has(c)))
			);
			const winner = matching.reduce<(typeof parsed)[number] | undefined>(
				(best, r) => (!best || beats(rank(r), rank(best)) ? r : best),
				undefined
			);
			return !winner || winner.display !== 'none';
		})
		.map((q) => q.id);
}

describe('logicCss', () => {
	it('writes nothing for a questionnaire without logic', () => {
		expect(logicCss(definition(key('fixed'), rating('overall'), text('comment')))).toBe('');
		for (const template of TEMPLATES) expect(logicCss(template.definition)).toBe('');
	});

	it('hides "why not?" until "no" is ticked on the key question', () => {
		expect(rules(logicCss(whyBranch()))).toEqual([
			'[data-q="why_not"]{display:none}',
			'form:has(input[name="q_fixed"][value="no"]:checked) [data-q="why_not"]{display:block}'
		]);
	});

	it('shows a question only when its whole chain of conditions holds', () => {
		const def = definition(
			key('fixed'),
			key('contacted', { showIf: { question: 'fixed', anyOf: ['no'] } }),
			text('complaint', { showIf: { question: 'contacted', anyOf: ['no'] } })
		);
		const show = rules(logicCss(def)).find((r) => r.includes('[data-q="complaint"]{display:block}'));
		expect(show).toBeDefined();
		expect(show).toContain(':has(input[name="q_contacted"][value="no"]:checked)');
		expect(show).toContain(':has(input[name="q_fixed"][value="no"]:checked)');
	});

	it('accepts any of the listed values of a trigger', () => {
		const def = definition(rating('overall'), text('low', { showIf: { question: 'overall', anyOf: ['1', '2'] } }));
		expect(logicCss(def)).toContain(
			'form:has(input[name="q_overall"][value="1"]:checked,input[name="q_overall"][value="2"]:checked) [data-q="low"]{display:block}'
		);
	});

	it('hides every later question once an end rule matches', () => {
		const def = definition(
			key('consent', { endIf: ['no'] }),
			rating('overall'),
			single('channel', ['phone', 'app'], { endIf: ['phone'] }),
			text('comment')
		);
		expect(rules(logicCss(def))).toEqual([
			'form:has(input[name="q_consent"][value="no"]:checked) :is([data-q="overall"],[data-q="channel"],[data-q="comment"]){display:none!important}',
			'form:has(input[name="q_channel"][value="phone"]:checked) :is([data-q="comment"]){display:none!important}'
		]);
		// An end rule on the last question has nothing to hide.
		expect(logicCss(definition(rating('overall'), key('consent', { endIf: ['no'] })))).toBe('');
	});

	it('refuses ids and values that could break out of a selector before they reach the style sheet', () => {
		const result = definitionSchema.safeParse(
			definition(
				key('fixed'),
				text('x"]{}body{display:none}', { showIf: { question: 'fixed', anyOf: ['no'] } }),
				text('why', { showIf: { question: 'fixed', anyOf: ['no"],*{display:none}'] } })
			)
		);
		expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(
			expect.arrayContaining(['questions.1.id', 'questions.2.showIf.anyOf.0'])
		);
	});

	it('only ever quotes validated ids and values', () => {
		fc.assert(
			fc.property(soundDefinitionArb, (def) => {
				const css = logicCss(definitionSchema.parse(def));
				for (const [, quoted] of css.matchAll(/"([^"]*)"/g)) expect(quoted).toMatch(/^[a-z0-9_]+$/);
				expect(css).toMatch(/^[a-z0-9_\-=:;!,()[\]{}"\n .]*$/);
			})
		);
	});

	it('shows without JavaScript exactly the questions the server asks', () => {
		fc.assert(
			fc.property(soundWithAnswersArb, ({ def, answers }) => {
				const server = visibleQuestions(def, answers).map((q) => q.id);
				expect(shownByCss(logicCss(def), def, answers)).toEqual(server);
			})
		);
	});
});
