import { describe, expect, it } from 'vitest';
import { m } from '../../src/lib/i18n/paraglide/messages.js';

describe('counts in messages follow each language’s plural rules', () => {
	it('says "1 submitted response" and "2 submitted responses" in English', () => {
		expect(m.prod_responses_count({ count: 1 }, { locale: 'en' })).toBe('1 submitted response.');
		expect(m.prod_responses_count({ count: 0 }, { locale: 'en' })).toBe('0 submitted responses.');
		expect(m.prod_responses_count({ count: 2 }, { locale: 'en' })).toBe('2 submitted responses.');
		expect(m.prod_contacts_count({ count: 1 }, { locale: 'en' })).toBe('1 contact');
		expect(m.prod_campaign_preview_intro({ today: '2026-12-01', count: 1 }, { locale: 'en' })).toBe(
			'As of today (2026-12-01): 1 contact matches the filter.'
		);
		expect(m.queue_due_count({ n: 1 }, { locale: 'en' })).toBe('1 customer due for a call');
		expect(m.queue_due_count({ n: 4 }, { locale: 'en' })).toBe('4 customers due for a call');
		expect(m.campaign_cap_value({ days: 1 }, { locale: 'en' })).toBe('at most once in 1 day');
		expect(m.campaign_phone_after_value({ days: 3 }, { locale: 'en' })).toBe('a call after 3 days without an answer');
	});

	it('has one form in Chinese', () => {
		expect(m.prod_responses_count({ count: 1 }, { locale: 'zh-CN' })).toBe('共 1 份已提交的答卷。');
		expect(m.prod_contacts_count({ count: 3 }, { locale: 'zh-CN' })).toBe('共 3 位客户');
		expect(m.queue_due_count({ n: 1 }, { locale: 'zh-CN' })).toBe('1 位客户等待电话回访');
	});
});
