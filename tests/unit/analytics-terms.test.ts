import { describe, expect, it } from 'vitest';
import { normalizeWord, phrases, termFrequencies, words } from '$lib/domain/analytics/terms';
import { commentKind, commentParams, containsPattern } from '$lib/domain/analytics/comments';
import type { Question } from '$lib/domain/questionnaire/definition';

describe('comment words', () => {
	it('segments Chinese without spaces and drops stop words and lone characters', () => {
		expect(words('服务态度很好，但是等待时间太长了')).toEqual(['服务', '态度', '很好', '等待', '时间', '太长']);
		expect(words('师傅很专业，讲解清楚')).toEqual(['师傅', '专业', '讲解', '清楚']);
		// 比 is dropped as a lone character; 高 ("high") says something on its own.
		expect(words('收费比预期高')).toEqual(['收费', '预期', '高']);
	});

	it('lower-cases English, drops stop words, single letters and numbers', () => {
		expect(words('The waiting time was too long, 2 hours! A B')).toEqual(['waiting', 'time', 'long', 'hours']);
		expect(normalizeWord('Service')).toBe('service');
		expect(normalizeWord('the')).toBeNull();
		expect(normalizeWord('的')).toBeNull();
		expect(normalizeWord('门')).toBeNull();
		expect(normalizeWord('贵')).toBe('贵');
	});

	it('makes phrases of adjacent kept words only, not across punctuation or a stop word', () => {
		expect(phrases('服务态度很好，但是等待时间太长了').map((p) => p.label)).toEqual(['服务 态度', '态度 很好', '等待 时间', '时间 太长']);
		// The phrase's text is as written, so a search finds it.
		expect(phrases('服务态度很好')[0]).toEqual({ label: '服务 态度', text: '服务态度' });
		expect(phrases('The Waiting  time was long. Service attitude')).toEqual([
			{ label: 'waiting time', text: 'waiting time' },
			{ label: 'service attitude', text: 'service attitude' }
		]);
	});
});

describe('term frequencies', () => {
	const comments = ['服务态度很好', '服务态度一般，等待时间太长', '等待时间太长了，服务还行', 'Waiting time too long', 'waiting time, waiting time!', '贵'];

	it('counts each word and phrase once per comment, most frequent first', () => {
		const f = termFrequencies(comments, 5);
		expect(f.comments).toBe(6);
		expect(f.words.slice(0, 3)).toEqual([
			{ term: '服务', label: '服务', count: 3 },
			{ term: 'time', label: 'time', count: 2 },
			{ term: 'waiting', label: 'waiting', count: 2 }
		]);
		expect(f.words).toHaveLength(5);
		expect(f.phrases).toEqual([
			{ term: 'waiting time', label: 'waiting time', count: 2 },
			{ term: '时间太长', label: '时间 太长', count: 2 },
			{ term: '服务态度', label: '服务 态度', count: 2 },
			{ term: '等待时间', label: '等待 时间', count: 2 }
		]);
	});

	it('leaves out phrases seen in one comment only, and is empty without text', () => {
		expect(termFrequencies(['服务态度很好']).phrases).toEqual([]);
		expect(termFrequencies([])).toEqual({ words: [], phrases: [], comments: 0 });
	});
});

describe('comment search and kinds', () => {
	it('escapes % and _ so that they match literally', () => {
		expect(containsPattern('100%_ok\\')).toBe('%100\\%\\_ok\\\\%');
		expect(containsPattern('服务')).toBe('%服务%');
	});

	it('reads the search and page from the URL, with bounds', () => {
		expect(commentParams.parse({ q: ' 服务 ', page: null })).toEqual({ q: '服务', page: 1 });
		expect(commentParams.safeParse({ q: 'x'.repeat(101), page: '1' }).success).toBe(false);
		expect(commentParams.safeParse({ q: null, page: '201' }).success).toBe(false);
	});

	it('names a text as a comment, a "why" or an "other" text', () => {
		const text = { id: 'comment', kind: 'text', required: false, text: { 'zh-CN': '意见', en: 'Comment' } } as Question;
		const why = { ...text, id: 'why', showIf: { question: 'k', anyOf: ['no'] } } as Question;
		const choice = { id: 'c', kind: 'single', required: false, text: { 'zh-CN': '选', en: 'Pick' }, options: [], allowOther: true } as unknown as Question;
		expect([commentKind(text), commentKind(why), commentKind(choice), commentKind(undefined)]).toEqual(['comment', 'why', 'other', 'comment']);
	});
});
