export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A text written in every supported language. */
export type Localized = Record<Locale, string>;

export function localize(text: Localized, locale: Locale): string {
	return text[locale] || text[DEFAULT_LOCALE];
}
