import { describe, expect, it } from 'vitest';
import { INTERCHANGE_FORMAT, MAX_IMPORT_BYTES, parseInterchange, toInterchange } from '$lib/domain/questionnaire/interchange';
import { insurance } from '$lib/domain/templates/insurance';

const good = () => JSON.parse(JSON.stringify(toInterchange(insurance)));

describe('parseInterchange', () => {
	it('accepts an exported template unchanged', () => {
		const result = parseInterchange(JSON.stringify(good()));
		expect(result).toEqual({ ok: true, value: toInterchange(insurance) });
	});

	it('reports a file that is not JSON, or too large', () => {
		expect(parseInterchange('{ not json')).toEqual({ ok: false, problems: [{ path: '', problem: 'invalid_json' }] });
		expect(parseInterchange(' '.repeat(MAX_IMPORT_BYTES + 1))).toMatchObject({ problems: [{ problem: 'file_too_large' }] });
	});

	it('reports every problem with its path: unknown fields, wrong types, huge strings, scripts', () => {
		const file = good();
		file.extra = true;
		file.definition.questions[0].onload = 'x';
		file.definition.questions[1].required = 'yes';
		file.definition.questions[2].text.en = 'x'.repeat(2001);
		file.definition.questions[3].preparedResponse['zh-CN'] = '<script>alert(1)</script>';
		const result = parseInterchange(JSON.stringify(file));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toEqual(
			expect.arrayContaining([
				{ path: 'extra', problem: 'unknown_field' },
				{ path: 'definition.questions.0.onload', problem: 'unknown_field' },
				{ path: 'definition.questions.1.required', problem: 'wrong_type' },
				{ path: 'definition.questions.2.text.en', problem: 'too_long' },
				{ path: 'definition.questions.3.preparedResponse.zh-CN', problem: 'script_not_allowed' }
			])
		);
	});

	it('refuses another format and a key question without its cause', () => {
		const file = good();
		file.format = 'surveyjs/1';
		delete file.definition.questions[0].cause;
		const result = parseInterchange(JSON.stringify(file));
		expect(result).toMatchObject({ ok: false });
		if (result.ok) return;
		expect(result.problems).toContainEqual({ path: 'format', problem: 'unknown_format' });
		expect(result.problems.some((p) => p.path.startsWith('definition.questions.0'))).toBe(true);
		expect(INTERCHANGE_FORMAT).toBe('huifang.questionnaire/1');
	});
});
