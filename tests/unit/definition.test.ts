import { describe, expect, it } from 'vitest';
import { OTHER, definitionSchema, draftSchema, publishProblems } from '$lib/domain/questionnaire/definition';
import { definition, key, multiple, nps, rating, section, single, t, text, whyBranch, type Of } from './questionnaire-fixtures';
import { TEMPLATES } from '$lib/domain/templates';
import { localize } from '$lib/domain/locale';
import { INTERCHANGE_FORMAT, toInterchange } from '$lib/domain/questionnaire/interchange';

const valid = structuredClone(TEMPLATES[0]!.definition);

function issuesOf(input: unknown): string[] {
	const result = definitionSchema.safeParse(input);
	return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
}

describe('definitionSchema', () => {
	it('accepts the template', () => {
		expect(issuesOf(valid)).toEqual([]);
	});

	it('refuses duplicate question ids', () => {
		const def = structuredClone(valid);
		def.questions[1]!.id = def.questions[0]!.id;
		expect(issuesOf(def)).toContain('questions.1.id:duplicate_question_id');
	});

	it('refuses a key question without its cause or prepared response', () => {
		const def = structuredClone(valid) as unknown as { questions: Record<string, unknown>[] };
		delete def.questions[0]!.cause;
		delete def.questions[1]!.preparedResponse;
		const issues = issuesOf(def);
		expect(issues.some((i) => i.startsWith('questions.0.cause'))).toBe(true);
		expect(issues.some((i) => i.startsWith('questions.1.preparedResponse'))).toBe(true);
	});

	it('refuses an unknown cause, unknown fields and a missing language', () => {
		const def = structuredClone(valid) as unknown as { questions: Record<string, unknown>[] };
		def.questions[0]!.cause = 'weather';
		def.questions[1]!.onclick = 'alert(1)';
		def.questions[2]!.text = { 'zh-CN': '只有中文' };
		const issues = issuesOf(def);
		expect(issues.some((i) => i.startsWith('questions.0.cause'))).toBe(true);
		expect(issues.some((i) => i.startsWith('questions.1'))).toBe(true);
		expect(issues.some((i) => i.startsWith('questions.2.text.en'))).toBe(true);
	});

	it('refuses malformed ids and huge texts', () => {
		const def = structuredClone(valid);
		def.questions[0]!.id = 'Bad Id';
		def.questions[1]!.text.en = 'x'.repeat(2001);
		const issues = issuesOf(def);
		expect(issues).toContain('questions.0.id:invalid_question_id');
		expect(issues).toContain('questions.1.text.en:too_long');
	});

	it('needs at least one question', () => {
		expect(issuesOf({ ...valid, questions: [] })).toContain('questions:no_questions');
	});
});

describe('templates', () => {
	it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s is a complete callback questionnaire', (_, template) => {
		const def = definitionSchema.parse(template.definition);
		const keys = def.questions.filter((q) => q.kind === 'key');
		expect(keys.length).toBeGreaterThanOrEqual(5);
		for (const q of keys) {
			expect(q.preparedResponse['zh-CN'].length).toBeGreaterThan(0);
			expect(q.preparedResponse.en.length).toBeGreaterThan(0);
			expect(q.agentText.en.length).toBeGreaterThan(0);
		}
		expect(new Set(keys.map((q) => q.cause)).size).toBeGreaterThanOrEqual(3);
		for (const kind of ['rating', 'nps', 'text'] as const) {
			expect(def.questions.filter((q) => q.kind === kind)).toHaveLength(1);
		}
		expect(template.title.en).not.toBe('');
	});

	it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s says what the scale ends mean once: in the end labels, not in the question', (_, template) => {
		for (const q of template.definition.questions.filter((q) => q.kind === 'rating' || q.kind === 'nps')) {
			for (const text of [q.text['zh-CN'], q.text.en]) expect(text).not.toMatch(/\d+\s*=|非常不满意|非常满意|完全不可能|dissatisfied|not at all|extremely likely/);
		}
	});
});

describe('template library', () => {
	it('covers the 15 industries of the seeds, once each', () => {
		expect(new Set(TEMPLATES.map((t) => t.industry)).size).toBe(15);
		expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(15);
	});

	it('exports each template as interchange JSON that parses back unchanged', () => {
		for (const template of TEMPLATES) {
			const exported = JSON.parse(JSON.stringify(toInterchange(template)));
			expect(exported.format).toBe(INTERCHANGE_FORMAT);
			expect(definitionSchema.parse(exported.definition)).toEqual(template.definition);
		}
	});
});

describe('localize', () => {
	it('falls back to Chinese when a translation is empty', () => {
		expect(localize({ 'zh-CN': '您好', en: '' }, 'en')).toBe('您好');
		expect(localize({ 'zh-CN': '您好', en: 'Hello' }, 'en')).toBe('Hello');
	});
});

describe('question kinds', () => {
	const everyKind = () =>
		definition(
			section('welcome', { help: t('大约需要两分钟。', 'It takes about two minutes.') }),
			key('fixed', { endIf: ['yes'] }),
			text('why_not', { showIf: { question: 'fixed', anyOf: ['no'] } }),
			rating('overall', { help: t('1 分最差，5 分最好。', '1 is worst, 5 is best.') }),
			nps('recommend'),
			single('channel', ['phone', 'app', 'store'], { allowOther: true, endIf: ['other'] }),
			multiple('improve', ['speed', 'price'], { allowOther: true }),
			text('comment')
		);

	it('accepts a questionnaire using every kind, help texts, show-if and end rules', () => {
		expect(issuesOf(everyKind())).toEqual([]);
	});

	it('reads a section without `required` as never required, and refuses a required section', () => {
		const { required: _, ...intro } = section('intro');
		expect(definitionSchema.parse(definition(intro as never, key('fixed'))).questions[0]!.required).toBe(false);
		expect(issuesOf(definition(section('intro', { required: true } as never), key('fixed')))).toEqual([
			expect.stringMatching(/^questions\.0\.required:/)
		]);
	});

	it('refuses unknown fields on the new kinds, their options and their rules', () => {
		const def = everyKind() as unknown as { questions: Record<string, unknown>[] };
		def.questions[0]!.answerable = true; // section
		(def.questions[5]!.options as Record<string, unknown>[])[0]!.score = 5; // single choice option
		def.questions[6]!.endIf = ['speed']; // multiple choice cannot end the questionnaire
		def.questions[3]!.endIf = ['1']; // nor can a rating
		(def.questions[2]!.showIf as Record<string, unknown>).noneOf = ['yes'];
		const issues = issuesOf(def);
		for (const path of ['questions.0', 'questions.5.options.0', 'questions.6', 'questions.3', 'questions.2.showIf']) {
			expect(issues.some((i) => i.startsWith(`${path}:`)), `${path} in ${issues.join(' | ')}`).toBe(true);
		}
	});

	it('reserves "other" for the "please specify" choice', () => {
		expect(issuesOf(definition(single('channel', ['phone', OTHER])))).toEqual(['questions.0.options.1.id:reserved_option_id']);
		expect(issuesOf(definition(multiple('improve', [OTHER, 'price'])))).toEqual(['questions.0.options.0.id:reserved_option_id']);
		// A longer id merely starting with "other" is an ordinary option.
		expect(issuesOf(definition(single('channel', ['phone', 'other_shop'])))).toEqual([]);
	});

	it('refuses duplicate option ids within a question, not across questions', () => {
		expect(issuesOf(definition(single('channel', ['phone', 'app', 'phone'])))).toEqual([
			'questions.0.options.2.id:duplicate_option_id'
		]);
		expect(draftSchema.safeParse(definition(multiple('improve', ['speed', 'speed']))).success).toBe(false);
		expect(issuesOf(definition(single('channel', ['phone', 'app']), multiple('improve', ['phone', 'app'])))).toEqual([]);
	});

	it('refuses malformed option ids', () => {
		expect(issuesOf(definition(single('channel', ['Phone', 'app'])))).toEqual(['questions.0.options.0.id:invalid_option_id']);
		expect(issuesOf(definition(single('channel', ['a"]', 'app'])))).toEqual(['questions.0.options.0.id:invalid_option_id']);
	});

	it('needs two options to publish, but a draft may have fewer', () => {
		for (const q of [single('channel', ['phone']), multiple('improve', [])]) {
			expect(issuesOf(definition(q))).toEqual(['questions.0.options:too_few_options']);
			expect(draftSchema.safeParse(definition(q)).success).toBe(true);
			expect(publishProblems(definition(q))).toEqual([
				{ questionId: q.id, path: 'questions.0.options', problem: 'too_few_options' }
			]);
		}
	});
});

describe('drafts and publishing', () => {
	it('keeps a draft with texts not yet written and lists each one with its question', () => {
		const draft = definition(
			key('fixed'),
			single('channel', ['phone', 'app'], { help: t('', 'How did you contact us?') }),
			text('comment')
		);
		draft.intro.en = '';
		draft.questions[2]!.text['zh-CN'] = '   ';
		(draft.questions[1] as Of<'single'>).options[1]!.text.en = '';
		expect(draftSchema.safeParse(draft).success).toBe(true);
		expect(publishProblems(draft)).toEqual(
			expect.arrayContaining([
				{ questionId: null, path: 'intro.en', problem: 'required' },
				{ questionId: 'channel', path: 'questions.1.help.zh-CN', problem: 'required' },
				{ questionId: 'channel', path: 'questions.1.options.1.text.en', problem: 'required' },
				{ questionId: 'comment', path: 'questions.2.text.zh-CN', problem: 'required' }
			])
		);
		expect(publishProblems(draft)).toHaveLength(4);
	});

	it('keeps a draft whose logic is unfinished, and names the rule that blocks publishing', () => {
		const draft = definition(key('fixed'), text('why_not', { showIf: { question: 'fixd', anyOf: ['no'] } }));
		expect(draftSchema.safeParse(draft).success).toBe(true);
		expect(publishProblems(draft)).toEqual([
			{ questionId: 'why_not', path: 'questions.1.showIf.question', problem: 'logic_unknown_question' }
		]);
	});

	it('lets a draft hold markup it will refuse to publish', () => {
		const draft = definition(key('fixed', { help: t('<script>alert(1)</script>', 'Help') }));
		expect(draftSchema.safeParse(draft).success).toBe(true);
		expect(publishProblems(draft)).toEqual([
			{ questionId: 'fixed', path: 'questions.0.help.zh-CN', problem: 'script_not_allowed' }
		]);
	});

	it('refuses in a draft what could never be published: bad ids, duplicates, unknown fields', () => {
		expect(draftSchema.safeParse(definition(key('Fixed'))).success).toBe(false);
		expect(draftSchema.safeParse(definition(key('fixed'), text('fixed'))).success).toBe(false);
		expect(draftSchema.safeParse({ ...definition(key('fixed')), onload: 'x' }).success).toBe(false);
	});

	it('has nothing to report for a publishable questionnaire', () => {
		expect(publishProblems(whyBranch())).toEqual([]);
	});

	it.each(TEMPLATES.map((tpl) => [tpl.id, tpl] as const))('template %s is a publishable draft', (_, template) => {
		expect(draftSchema.parse(template.definition)).toEqual(template.definition);
		expect(publishProblems(template.definition)).toEqual([]);
	});
});
