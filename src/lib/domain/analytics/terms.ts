/**
 * Word and phrase frequency of customers' comments, for Chinese and English alike:
 * `Intl.Segmenter` finds the words (ICU's dictionary splits Chinese text, which has
 * no spaces), common function words are dropped, and adjacent remaining words make
 * two-word phrases ("服务 态度", "waiting time"). A term counts the comments that
 * contain it, so its count is the number of comments its link lists.
 */

/** Chinese function words and fillers that say nothing about the service. */
const ZH_STOP_WORDS = `的 了 是 我 很 也 就 都 还 吗 呢 啊 吧 呀 哦 嗯 在 有 和 与 及 或 但 而 又 被 把 让 给 对 从 向 这 那 这个 那个 这些 那些 我们 你们 他们 她们 它们 你 您 他 她 它 自己 一个 一些 没有 不是 就是 还是 可以 因为 所以 如果 但是 而且 然后 已经 比较 非常 特别 有点 一下 什么 怎么 这样 那样 觉得 感觉 真的 还有 其他 以及 时候`.split(' ');

/** English function words. */
const EN_STOP_WORDS = `a an the and or but if of to in on at by for with from as is are was were be been being am do does did have has had i me my we our you your he she it its they them their this that these those there here so very too also just not no can could would should will shall may might must than then about into over again all any some more most what which who when where why how up out off only really quite much many get got im i'm it's dont don't us`.split(' ');

export const STOP_WORDS: ReadonlySet<string> = new Set([...ZH_STOP_WORDS, ...EN_STOP_WORDS]);

/**
 * Single Chinese characters that carry a judgement on their own ("贵" expensive, "慢"
 * slow …); every other single character is too ambiguous to count.
 */
export const MEANINGFUL_SINGLE_CHARS: ReadonlySet<string> = new Set([...'贵慢快好差脏乱吵冷热远近久累烦坑赞棒忙挤难新旧高低多少长短']);

const CJK = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** A word as counted: lower case, or null when it is dropped (stop word, one letter or digit, a lone Chinese character). */
export function normalizeWord(segment: string): string | null {
	const word = segment.toLowerCase();
	if (STOP_WORDS.has(word)) return null;
	if (/^\p{N}+$/u.test(word)) return null;
	const chars = [...word];
	if (chars.length === 1) return CJK.test(word) && MEANINGFUL_SINGLE_CHARS.has(word) ? word : null;
	return word;
}

/** One counted token: the word, and where it sits in the text (for the phrase's own wording). */
interface Token {
	word: string;
	start: number;
	end: number;
	/** Whether it follows the previous kept word directly (only spaces between). */
	joined: boolean;
}

/** The kept words of a text in order; a phrase may only join words marked `joined` to their predecessor. */
export function tokens(text: string): Token[] {
	const out: Token[] = [];
	let chain = false;
	for (const s of segmenter.segment(text)) {
		if (!s.isWordLike) {
			// Spaces keep two words adjacent; punctuation ends the phrase.
			if (!/^\s+$/u.test(s.segment)) chain = false;
			continue;
		}
		const word = normalizeWord(s.segment);
		if (word === null) {
			chain = false;
			continue;
		}
		out.push({ word, start: s.index, end: s.index + s.segment.length, joined: chain });
		chain = true;
	}
	return out;
}

/** The words of a text that are counted. */
export const words = (text: string): string[] => tokens(text).map((t) => t.word);

export interface Phrase {
	/** Shown with a space between the words: "服务 态度". */
	label: string;
	/** As written in the comment (what a search finds): "服务态度", "waiting time". */
	text: string;
}

/** Two-word phrases of adjacent kept words. */
export function phrases(text: string): Phrase[] {
	const list = tokens(text);
	const out: Phrase[] = [];
	for (let i = 1; i < list.length; i++) {
		const [a, b] = [list[i - 1]!, list[i]!];
		if (!b.joined) continue;
		out.push({ label: `${a.word} ${b.word}`, text: text.slice(a.start, b.end).toLowerCase().replace(/\s+/gu, ' ') });
	}
	return out;
}

export interface TermCount {
	/** What the comments list searches for. */
	term: string;
	label: string;
	/** Comments containing the term. */
	count: number;
}

export interface TermFrequencies {
	words: TermCount[];
	phrases: TermCount[];
	/** How many comments were read. */
	comments: number;
}

/** A phrase must come back in this many comments to be listed: a phrase seen once is noise. */
export const MIN_PHRASE_COUNT = 2;

const top = (counts: Map<string, TermCount>, n: number, min: number) =>
	[...counts.values()]
		.filter((t) => t.count >= min)
		.sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
		.slice(0, n);

/** The `n` most frequent words and phrases of the comments, each counted once per comment. */
export function termFrequencies(comments: string[], n = 30): TermFrequencies {
	const wordCounts = new Map<string, TermCount>();
	const phraseCounts = new Map<string, TermCount>();
	const add = (counts: Map<string, TermCount>, term: string, label: string) => {
		const t = counts.get(term);
		if (t) t.count += 1;
		else counts.set(term, { term, label, count: 1 });
	};
	for (const comment of comments) {
		for (const w of new Set(words(comment))) add(wordCounts, w, w);
		const seen = new Set<string>();
		for (const p of phrases(comment)) {
			if (seen.has(p.text)) continue;
			seen.add(p.text);
			add(phraseCounts, p.text, p.label);
		}
	}
	return { words: top(wordCounts, n, 1), phrases: top(phraseCounts, n, MIN_PHRASE_COUNT), comments: comments.length };
}
