import { describe, expect, it } from 'vitest';
import zh from '../../src/lib/i18n/messages/zh-CN.json';
import en from '../../src/lib/i18n/messages/en.json';

const keys = (messages: Record<string, string>) => Object.keys(messages).filter((k) => k !== '$schema').sort();

describe('message catalogues', () => {
	it('have the same keys in Chinese and English, none empty', () => {
		expect(keys(en)).toEqual(keys(zh));
		for (const messages of [zh, en] as Record<string, string>[]) {
			for (const key of keys(messages)) expect(messages[key]!.trim(), key).not.toBe('');
		}
	});

	it('use the same placeholders in both languages', () => {
		const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of keys(zh)) {
			expect(params((en as Record<string, string>)[key]!), key).toEqual(params((zh as Record<string, string>)[key]!));
		}
	});
});
