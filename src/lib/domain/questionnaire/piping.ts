import type { Locale } from '../locale';

/** What a text may refer to: `{customer.name}`, `{agent.code}`, `{company.name}`, `{contact.<attribute>}`. */
const PLACEHOLDER = /\{([a-z]+)\.([a-z][a-z0-9_]{0,39})\}/g;
const ANY_BRACES = /\{[^{}]*\}/g;
const FIXED = new Set(['customer.name', 'agent.code', 'company.name']);

export type PipeValues = Partial<Record<string, string | null>>;

/** Wording used when a value is unknown, so a customer never reads a raw placeholder. */
const FALLBACK: Record<Locale, Record<string, string>> = {
	'zh-CN': { 'customer.name': '尊敬的客户', 'agent.code': '', 'company.name': '我们' },
	en: { 'customer.name': 'valued customer', 'agent.code': '', 'company.name': 'our company' }
};

export function isKnownPlaceholder(name: string): boolean {
	return FIXED.has(name) || /^contact\.[a-z][a-z0-9_]{0,39}$/.test(name);
}

/** Placeholders in a text that nothing can fill (a typo such as `{customer.nmae}`). */
export function unknownPlaceholders(text: string): string[] {
	return [...text.matchAll(ANY_BRACES)].map((m) => m[0].slice(1, -1)).filter((name) => !isKnownPlaceholder(name));
}

/** Fills a text's placeholders; missing values take the neutral fallback, extra spaces are tidied. */
export function pipe(text: string, values: PipeValues, locale: Locale): string {
	const filled = text.replace(PLACEHOLDER, (whole, scope: string, field: string) => {
		const name = `${scope}.${field}`;
		if (!isKnownPlaceholder(name)) return whole;
		const value = values[name]?.trim();
		return value || FALLBACK[locale][name] || '';
	});
	return filled.replace(/ {2,}/g, ' ').trim();
}

/** What `{customer.name}` and `{contact.<attribute>}` read for one contact (a link or a queued call). */
export function contactPipeValues(c: {
	name: string;
	tier: string | null;
	industry: string | null;
	product: string | null;
	eventDate: string | null;
	attributes: Record<string, string>;
}): PipeValues {
	const values: PipeValues = {};
	for (const [key, value] of Object.entries(c.attributes)) values[`contact.${key}`] = value;
	return Object.assign(values, {
		'customer.name': c.name,
		'contact.name': c.name,
		'contact.tier': c.tier,
		'contact.industry': c.industry,
		'contact.product': c.product,
		'contact.event_date': c.eventDate
	});
}
