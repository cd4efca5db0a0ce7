import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pipe, unknownPlaceholders } from '$lib/domain/questionnaire/piping';
import { definitionSchema } from '$lib/domain/questionnaire/definition';
import { carDealerAftersales } from '$lib/domain/templates/car-dealer-aftersales';

describe('pipe', () => {
	it('fills customer, agent, company and contact values', () => {
		const text = '{customer.name}您好，我是{company.name}客户代表 {agent.code} 号，关于您的{contact.car_model}。';
		const values = { 'customer.name': '张先生', 'agent.code': '1024', 'company.name': '星河汽车', 'contact.car_model': '轩逸' };
		expect(pipe(text, values, 'zh-CN')).toBe('张先生您好，我是星河汽车客户代表 1024 号，关于您的轩逸。');
	});

	it('falls back to neutral wording, never a raw placeholder', () => {
		expect(pipe('{customer.name}您好', {}, 'zh-CN')).toBe('尊敬的客户您好');
		expect(pipe('Hello {customer.name}, this is {company.name}.', { 'customer.name': '  ' }, 'en')).toBe(
			'Hello valued customer, this is our company.'
		);
		expect(pipe('客户代表 {agent.code} 号', {}, 'zh-CN')).toBe('客户代表 号');
		expect(pipe('关于您的{contact.product}', {}, 'zh-CN')).toBe('关于您的');
	});

	it('never leaves a known placeholder in the output, whatever the values', () => {
		const names = ['customer.name', 'agent.code', 'company.name', 'contact.plate'];
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...names), { maxLength: 6 }),
				fc.dictionary(fc.constantFrom(...names), fc.option(fc.string({ maxLength: 10 }))),
				fc.constantFrom('zh-CN' as const, 'en' as const),
				(used, values, locale) => {
					const text = used.map((n) => `{${n}}`).join(' 和 ');
					const out = pipe(text, values, locale);
					for (const n of names) if (!Object.values(values).some((v) => v?.includes(`{${n}}`))) expect(out).not.toContain(`{${n}}`);
				}
			)
		);
	});
});

describe('placeholders in definitions', () => {
	it('lists typos and refuses them in a questionnaire', () => {
		expect(unknownPlaceholders('您好 {customer.nmae}，{agent.code}')).toEqual(['customer.nmae']);
		expect(unknownPlaceholders('{contact.car_model} {oops}')).toEqual(['oops']);
		const def = structuredClone(carDealerAftersales.definition);
		def.questions[0]!.text['zh-CN'] = '{customer.nmae}您好';
		const result = definitionSchema.safeParse(def);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]).toMatchObject({ path: ['questions', 0, 'text', 'zh-CN'], message: 'unknown_placeholder' });
	});
});
