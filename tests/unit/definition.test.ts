import { describe, expect, it } from 'vitest';
import { definitionSchema } from '$lib/domain/questionnaire/definition';
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
