import { z } from 'zod';
import { LOCALES, type Localized } from '../locale';
import { DEFAULT_TEMPLATES, unknownMessagePlaceholders, type MessageTemplates } from './templates';

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'jobs_time_format');
const optionalText = (max: number) => z.string().trim().max(max, 'too_long');
const template = (max: number) =>
	optionalText(max)
		.min(1, 'required')
		.refine((t) => unknownMessagePlaceholders(t).length === 0, 'jobs_unknown_placeholder')
		.refine((t) => !/<\s*script/i.test(t), 'invalid');

/** Delivery settings an admin edits. Secrets (SMTP password, SMS auth value) come only from the environment. */
export const deliverySettingsSchema = z.object({
	smtpHost: optionalText(200),
	smtpPort: z.coerce.number().int('invalid').min(1, 'invalid').max(65535, 'invalid'),
	/** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
	smtpSecure: z.enum(['on', 'off']).default('off'),
	smtpUser: optionalText(200),
	smtpFrom: optionalText(200),
	smsUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'jobs_url_invalid' })]),
	smsMethod: z.enum(['POST', 'PUT', 'GET'], 'invalid'),
	smsAuthHeader: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9-]{1,60}$/, 'jobs_header_invalid')]),
	smsContentType: z.enum(['application/json', 'application/x-www-form-urlencoded', 'text/plain'], 'invalid'),
	smsBody: optionalText(2000),
	ratePerMinute: z.coerce.number().int('invalid').min(1, 'invalid').max(10000, 'invalid'),
	quietStart: hhmm,
	quietEnd: hhmm,
	emailSubjectZh: template(200),
	emailSubjectEn: template(200),
	emailBodyZh: template(4000),
	emailBodyEn: template(4000),
	smsZh: template(500),
	smsEn: template(500)
});
export type DeliveryForm = z.infer<typeof deliverySettingsSchema>;

export interface DeliverySettings {
	smtp: { host: string; port: number; secure: boolean; user: string; from: string };
	sms: { url: string; method: 'POST' | 'PUT' | 'GET'; authHeader: string; contentType: string; body: string };
	ratePerMinute: number;
	quiet: { start: string; end: string };
	templates: MessageTemplates;
}

export const DEFAULT_SETTINGS: DeliverySettings = {
	smtp: { host: '', port: 587, secure: false, user: '', from: '' },
	sms: {
		url: '',
		method: 'POST',
		authHeader: 'Authorization',
		contentType: 'application/json',
		body: '{"phone":"{phone}","content":"{text}","reference":"{id}"}'
	},
	ratePerMinute: 60,
	quiet: { start: '21:00', end: '08:00' },
	templates: DEFAULT_TEMPLATES
};

const pair = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

export function settingsFromForm(f: DeliveryForm): DeliverySettings {
	return {
		smtp: { host: f.smtpHost, port: f.smtpPort, secure: f.smtpSecure === 'on', user: f.smtpUser, from: f.smtpFrom },
		sms: { url: f.smsUrl, method: f.smsMethod, authHeader: f.smsAuthHeader, contentType: f.smsContentType, body: f.smsBody },
		ratePerMinute: f.ratePerMinute,
		quiet: { start: f.quietStart, end: f.quietEnd },
		templates: {
			emailSubject: pair(f.emailSubjectZh, f.emailSubjectEn),
			emailBody: pair(f.emailBodyZh, f.emailBodyEn),
			sms: pair(f.smsZh, f.smsEn)
		}
	};
}

export function settingsToForm(s: DeliverySettings): Record<keyof DeliveryForm, string> {
	return {
		smtpHost: s.smtp.host,
		smtpPort: String(s.smtp.port),
		smtpSecure: s.smtp.secure ? 'on' : 'off',
		smtpUser: s.smtp.user,
		smtpFrom: s.smtp.from,
		smsUrl: s.sms.url,
		smsMethod: s.sms.method,
		smsAuthHeader: s.sms.authHeader,
		smsContentType: s.sms.contentType,
		smsBody: s.sms.body,
		ratePerMinute: String(s.ratePerMinute),
		quietStart: s.quiet.start,
		quietEnd: s.quiet.end,
		emailSubjectZh: s.templates.emailSubject['zh-CN'],
		emailSubjectEn: s.templates.emailSubject.en,
		emailBodyZh: s.templates.emailBody['zh-CN'],
		emailBodyEn: s.templates.emailBody.en,
		smsZh: s.templates.sms['zh-CN'],
		smsEn: s.templates.sms.en
	};
}

/** Stored settings (JSON) read back, each field falling back to its default when missing or damaged. */
export function parseStoredSettings(json: string | undefined): DeliverySettings {
	if (!json) return DEFAULT_SETTINGS;
	try {
		const stored = JSON.parse(json) as Partial<DeliverySettings>;
		const parsed = deliverySettingsSchema.safeParse({ ...settingsToForm(DEFAULT_SETTINGS), ...settingsToForm({ ...DEFAULT_SETTINGS, ...stored }) });
		return parsed.success ? settingsFromForm(parsed.data) : DEFAULT_SETTINGS;
	} catch {
		return DEFAULT_SETTINGS;
	}
}

/** A campaign's delivery choice, edited on its delivery page. */
export const campaignDeliverySchema = z.object({
	linkDelivery: z.enum(['export', 'email', 'sms'], 'invalid'),
	messageLocale: z.enum(LOCALES, 'invalid'),
	reminderAfterDays: z
		.string()
		.trim()
		.transform((v) => (v === '' ? null : Number(v)))
		.pipe(z.number().int('invalid').min(1, 'jobs_reminder_days_range').max(60, 'jobs_reminder_days_range').nullable())
});
export type CampaignDelivery = z.infer<typeof campaignDeliverySchema>;

export type { MessageTemplates };
