import { describe, expect, it } from 'vitest';

/** A message is a text, or (plurals and other variants) a list of { declarations, selectors, match }. */
type Message = string | { match: Record<string, string> }[];
type Catalogue = Record<string, string>;

// A message with variants counts as all its variants' texts, so every check sees each of them.
const texts = (message: Message): string =>
	typeof message === 'string' ? message : message.flatMap((m) => Object.values(m.match)).join('\n');

// Each area keeps its messages in its own pair of files (messages/<area>/<locale>.json).
const files = import.meta.glob<Record<string, Message>>('../../src/lib/i18n/messages/**/*.json', { eager: true, import: 'default' });

function catalogue(locale: string): Catalogue {
	const merged: Catalogue = {};
	for (const [file, messages] of Object.entries(files)) {
		if (!file.endsWith(`/${locale}.json`)) continue;
		for (const [key, text] of Object.entries(messages)) {
			if (key === '$schema') continue;
			expect(merged[key], `${key} is defined twice`).toBeUndefined();
			merged[key] = texts(text);
		}
	}
	return merged;
}

const zh = catalogue('zh-CN');
const en = catalogue('en');
const keys = (messages: Catalogue) => Object.keys(messages).sort();

describe('message catalogues', () => {
	it('have the same keys in Chinese and English, none empty', () => {
		expect(keys(en)).toEqual(keys(zh));
		for (const messages of [zh, en]) {
			for (const key of keys(messages)) expect(messages[key]!.trim(), key).not.toBe('');
		}
	});

	it('use the same placeholders in both languages', () => {
		const params = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
		for (const key of keys(zh)) expect(params(en[key]!), key).toEqual(params(zh[key]!));
	});
});
