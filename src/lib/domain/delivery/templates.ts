import type { Locale, Localized } from '../locale';
import { pipe, unknownPlaceholders, type PipeValues } from '../questionnaire/piping';

/** Besides the questionnaire placeholders ({customer.name}, {company.name}, {contact.…}). */
export const MESSAGE_PLACEHOLDERS = ['link', 'expires'] as const;

export interface MessageTemplates {
	emailSubject: Localized;
	emailBody: Localized;
	sms: Localized;
}

export const DEFAULT_TEMPLATES: MessageTemplates = {
	emailSubject: {
		'zh-CN': '{company.name}邀请您参加满意度回访',
		en: '{company.name} would like your feedback'
	},
	emailBody: {
		'zh-CN':
			'{customer.name}，您好！\n\n感谢您选择{company.name}。请用一分钟告诉我们您的体验：\n{link}\n\n链接仅供您本人使用，有效期至 {expires}。\n\n{company.name}',
		en: 'Dear {customer.name},\n\nThank you for choosing {company.name}. Please tell us about your experience; it takes a minute:\n{link}\n\nThe link is personal and valid until {expires}.\n\n{company.name}'
	},
	sms: {
		'zh-CN': '【{company.name}】{customer.name}您好，邀请您参加满意度回访：{link}（{expires}前有效）',
		en: '{company.name}: {customer.name}, please rate our service: {link} (valid until {expires})'
	}
};

export const REMINDER_PREFIX: Localized = { 'zh-CN': '提醒：', en: 'Reminder: ' };

/** Placeholders a template uses that nothing fills. */
export function unknownMessagePlaceholders(text: string): string[] {
	return unknownPlaceholders(text).filter((p) => !(MESSAGE_PLACEHOLDERS as readonly string[]).includes(p));
}

/** Fills a template for one customer: questionnaire piping, then the link and its expiry. */
export function renderTemplate(text: string, values: PipeValues, locale: Locale, extra: { link: string; expires: string }): string {
	// Piping tidies runs of spaces; newlines are kept.
	return pipe(text, values, locale)
		.replaceAll('{link}', extra.link)
		.replaceAll('{expires}', extra.expires);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The HTML part of an e-mail: the text escaped, paragraphs kept, the link clickable. */
export function emailHtml(text: string, link: string, lang: Locale): string {
	const paragraphs = text
		.split(/\n{2,}/)
		.map((p) =>
			escapeHtml(p)
				.split(escapeHtml(link))
				.join(`<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`)
				.replace(/\n/g, '<br>')
		)
		.map((p) => `<p>${p}</p>`)
		.join('\n');
	return `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;line-height:1.5">${paragraphs}</body></html>`;
}

/**
 * The SMS gateway's request body: `{phone}` and `{text}` in the configured
 * template, escaped for the body's content type so a quote or an ampersand in a
 * customer's name cannot break the JSON or the form.
 */
export function gatewayBody(template: string, contentType: string, values: { phone: string; text: string; id: string }): string {
	const encode = contentType.includes('json')
		? (s: string) => JSON.stringify(s).slice(1, -1)
		: contentType.includes('x-www-form-urlencoded')
			? encodeURIComponent
			: (s: string) => s;
	return template.replace(/\{(phone|text|id)\}/g, (_, k: 'phone' | 'text' | 'id') => encode(values[k]));
}
