import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_ATTEMPTS, earliestSend, inQuietHours, retryAt, sendBudget } from '$lib/domain/delivery/sending-rules';
import { emailHtml, gatewayBody, renderTemplate, unknownMessagePlaceholders, DEFAULT_TEMPLATES } from '$lib/domain/delivery/templates';
import { funnelRows } from '$lib/domain/delivery/funnel';
import { DEFAULT_SETTINGS, campaignDeliverySchema, deliverySettingsSchema, parseStoredSettings, settingsFromForm, settingsToForm } from '$lib/domain/delivery/settings';

const night = { start: '21:00', end: '08:00' };

describe('quiet hours', () => {
	it('hold from the evening until the morning on the customer’s clock', () => {
		// 22:30 in Shanghai, 15:30 in London.
		const t = new Date('2026-06-01T14:30:00Z');
		expect(inQuietHours(night, 'Asia/Shanghai', t)).toBe(true);
		expect(inQuietHours(night, 'Europe/London', t)).toBe(false);
		expect(earliestSend(night, 'Asia/Shanghai', t).toISOString()).toBe('2026-06-02T00:00:00.000Z');
		expect(earliestSend(night, 'Europe/London', t)).toBe(t);
		// 02:00 in Shanghai: the same morning.
		expect(earliestSend(night, 'Asia/Shanghai', new Date('2026-06-01T18:00:00Z')).toISOString()).toBe('2026-06-02T00:00:00.000Z');
	});

	it('work within one day too, and not at all when start equals end', () => {
		const lunch = { start: '12:00', end: '13:30' };
		expect(inQuietHours(lunch, 'UTC', new Date('2026-06-01T12:45:00Z'))).toBe(true);
		expect(inQuietHours(lunch, 'UTC', new Date('2026-06-01T13:30:00Z'))).toBe(false);
		expect(inQuietHours({ start: '08:00', end: '08:00' }, 'UTC', new Date('2026-06-01T08:00:00Z'))).toBe(false);
	});

	it('never send inside the quiet hours and never wait longer than a day', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }), fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/Berlin'), (t, zone) => {
				const at = earliestSend(night, zone, t);
				expect(inQuietHours(night, zone, at)).toBe(false);
				expect(at.getTime() - t.getTime()).toBeGreaterThanOrEqual(0);
				expect(at.getTime() - t.getTime()).toBeLessThanOrEqual(11 * 3600_000 + 3600_000);
			})
		);
	});
});

describe('retries', () => {
	it('back off 1, 5, 30 and 120 minutes, then give up', () => {
		const t = new Date('2026-06-01T00:00:00Z');
		const waits = [1, 2, 3, 4].map((n) => (retryAt(n, t)!.getTime() - t.getTime()) / 60_000);
		expect(waits).toEqual([1, 5, 30, 120]);
		expect(retryAt(MAX_ATTEMPTS, t)).toBeNull();
	});

	it('send within the per-minute budget', () => {
		expect(sendBudget(60, 50, 5)).toBe(5);
		expect(sendBudget(10, 8, 5)).toBe(0);
	});
});

describe('message templates', () => {
	const values = { 'customer.name': 'Ann', 'company.name': 'ACME', 'contact.model': 'X5' };
	it('fill piping, link and expiry in both languages', () => {
		const extra = { link: 'https://h.example/l/abc', expires: 'June 8, 2026' };
		expect(renderTemplate(DEFAULT_TEMPLATES.sms.en, values, 'en', extra)).toBe('ACME: Ann, please rate our service: https://h.example/l/abc (valid until June 8, 2026)');
		expect(renderTemplate(DEFAULT_TEMPLATES.sms['zh-CN'], {}, 'zh-CN', extra)).toBe('【我们】尊敬的客户您好，邀请您参加满意度回访：https://h.example/l/abc（June 8, 2026前有效）');
		expect(renderTemplate('Your {contact.model}', values, 'en', extra)).toBe('Your X5');
	});

	it('refuse placeholders nothing fills', () => {
		expect(unknownMessagePlaceholders('{link} {expires} {customer.name} {contact.x}')).toEqual([]);
		expect(unknownMessagePlaceholders('{lnk} {customer.nmae}')).toEqual(['lnk', 'customer.nmae']);
	});

	it('escape the HTML part and make the link clickable', () => {
		const html = emailHtml('Dear <b>Ann</b> & co\n\nhttps://h.example/l/a?x=1', 'https://h.example/l/a?x=1', 'en');
		expect(html).toContain('Dear &lt;b&gt;Ann&lt;/b&gt; &amp; co');
		expect(html).toContain('<a href="https://h.example/l/a?x=1">https://h.example/l/a?x=1</a>');
		expect(html).toContain('<html lang="en">');
	});

	it('escape the gateway body for its content type', () => {
		const v = { phone: '+8613900000001', text: 'Hi "Jo" & you', id: 'm1' };
		const json = gatewayBody('{"to":"{phone}","msg":"{text}","ref":"{id}"}', 'application/json', v);
		expect(JSON.parse(json)).toEqual({ to: '+8613900000001', msg: 'Hi "Jo" & you', ref: 'm1' });
		const form = gatewayBody('to={phone}&msg={text}', 'application/x-www-form-urlencoded', v);
		expect(new URLSearchParams(form).get('msg')).toBe('Hi "Jo" & you');
		expect(new URLSearchParams(form).get('to')).toBe('+8613900000001');
	});
});

describe('funnel', () => {
	it('gives each stage its share of sent and of the previous stage', () => {
		const rows = funnelRows({ links: 12, sent: 10, delivered: 8, opened: 5, started: 3, answered: 2 });
		expect(rows.map((r) => [r.stage, r.count, r.ofSent, r.ofPrevious])).toEqual([
			['sent', 10, 100, null],
			['delivered', 8, 80, 80],
			['opened', 5, 50, 62.5],
			['started', 3, 30, 60],
			['answered', 2, 20, 66.7]
		]);
		expect(funnelRows({ links: 0, sent: 0, delivered: 0, opened: 0, started: 0, answered: 0 })[2]).toMatchObject({ ofSent: null, ofPrevious: null });
		// Without delivery receipts (plain SMTP), "opened" is a share of what was sent.
		expect(funnelRows({ links: 4, sent: 4, delivered: 0, opened: 2, started: 1, answered: 1 })[2]).toMatchObject({ ofPrevious: 50 });
	});
});

describe('delivery settings', () => {
	it('round-trip through the form and the stored JSON', () => {
		const form = deliverySettingsSchema.parse(settingsToForm(DEFAULT_SETTINGS));
		expect(settingsFromForm(form)).toEqual(DEFAULT_SETTINGS);
		expect(parseStoredSettings(JSON.stringify(DEFAULT_SETTINGS))).toEqual(DEFAULT_SETTINGS);
		expect(parseStoredSettings('not json')).toEqual(DEFAULT_SETTINGS);
	});

	it('refuse a bad gateway URL, a bad time, an unknown placeholder', () => {
		const result = deliverySettingsSchema.safeParse({ ...settingsToForm(DEFAULT_SETTINGS), smsUrl: 'ftp://x', quietEnd: '25:00', smsEn: 'Hi {nmae}' });
		expect(result.success).toBe(false);
		const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
		expect(fields).toEqual({ smsUrl: 'jobs_url_invalid', quietEnd: 'jobs_time_format', smsEn: 'jobs_unknown_placeholder' });
	});

	it('take a reminder of 1–60 days or none', () => {
		expect(campaignDeliverySchema.parse({ linkDelivery: 'email', messageLocale: 'en', reminderAfterDays: '' }).reminderAfterDays).toBeNull();
		expect(campaignDeliverySchema.parse({ linkDelivery: 'sms', messageLocale: 'zh-CN', reminderAfterDays: '3' }).reminderAfterDays).toBe(3);
		expect(campaignDeliverySchema.safeParse({ linkDelivery: 'sms', messageLocale: 'zh-CN', reminderAfterDays: '0' }).success).toBe(false);
		expect(campaignDeliverySchema.safeParse({ linkDelivery: 'fax', messageLocale: 'zh-CN', reminderAfterDays: '' }).success).toBe(false);
	});
});
