import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { queueInvitations, queueReminders, expireMessages } from '$lib/server/delivery/queue';
import { sendDueMessages } from '$lib/server/delivery/send';
import { recordReceipt } from '$lib/server/delivery/receipts';
import { campaignFunnel, markOpened } from '$lib/server/delivery/funnel';
import { lookupLink, submitLinkResponse } from '$lib/server/links/service';
import { saveProgress } from '$lib/server/responses/progress';
import { DIALECTS } from './setup';
import { KEY_IDS, num, yes } from './fixtures';
import { configureDelivery, linkCampaign } from './delivery-fixtures';
import { startHttpReceiver, startMailServer } from '../mail-server';

const TODAY = '2026-06-01';
// 10:00 in Shanghai (APP_TIMEZONE default).
const MORNING = new Date('2026-06-01T02:00:00Z');
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);
const tokenOf = (text: string) => /\/l\/([A-Za-z0-9_-]{32})/.exec(text)?.[1] ?? '';

async function messages(db: Db, campaignId: string) {
	return db
		.selectFrom('link_messages')
		.select(['recipient', 'kind', 'status', 'attempts', 'error', 'next_attempt_at', 'provider_id', 'id'])
		.where('campaign_id', '=', campaignId)
		.orderBy('recipient')
		.execute();
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: link delivery`, () => {
		let db: Db;
		let mail: Awaited<ReturnType<typeof startMailServer>>;
		beforeAll(async () => {
			db = await dialect.open();
			mail = await startMailServer();
		});
		afterAll(async () => {
			await mail.close();
			await db.destroy();
		});

		it('e-mails each due link once in the campaign language, text and HTML, even with two senders at once', async () => {
			await configureDelivery(db, { smtpPort: mail.port });
			const id = await linkCampaign(
				db,
				'mail-once',
				[
					{ name: 'Ann Lee', email: 'ann@example.com' },
					{ name: 'Bo Wu', email: 'bo@example.com' },
					{ name: 'No Mail', phone: '+8613900000009' }
				],
				{ linkDelivery: 'email', messageLocale: 'en', reminderAfterDays: null },
				TODAY
			);
			const queued = await Promise.all([queueInvitations(db, MORNING), queueInvitations(db, MORNING)]);
			expect(queued[0] + queued[1]).toBe(3);
			expect(await queueInvitations(db, MORNING)).toBe(0);

			const [a, b] = await Promise.all([sendDueMessages(db, MORNING), sendDueMessages(db, MORNING)]);
			expect(a.sent + b.sent).toBe(2);
			expect((await sendDueMessages(db, at(MORNING, 1))).sent).toBe(0);

			const sent = mail.mails.filter((m) => m.to[0]?.endsWith('@example.com') && /Ann|Bo/.test(m.text));
			expect(sent.map((m) => m.to[0]).sort()).toEqual(['ann@example.com', 'bo@example.com']);
			const ann = sent.find((m) => m.to[0] === 'ann@example.com')!;
			expect(ann.subject).toBe('Huifang would like your feedback');
			expect(ann.text).toContain('Dear Ann Lee,');
			expect(ann.html).toContain(`<a href="http://localhost:3000/l/${tokenOf(ann.text)}">`);
			// The link in the e-mail opens the customer's questionnaire.
			expect(await lookupLink(db, tokenOf(ann.text), at(MORNING, 5))).toMatchObject({ state: 'open', pipe: { 'customer.name': 'Ann Lee' } });

			const rows = await messages(db, id);
			expect(rows.map((r) => [r.recipient, r.status, r.error])).toEqual([
				['', 'failed', 'no_address'],
				['ann@example.com', 'sent', null],
				['bo@example.com', 'sent', null]
			]);
		});

		it('keeps to the per-minute limit', async () => {
			await configureDelivery(db, { smtpPort: mail.port, ratePerMinute: 1 });
			const id = await linkCampaign(
				db,
				'mail-rate',
				[
					{ name: 'R1', email: 'r1@example.com' },
					{ name: 'R2', email: 'r2@example.com' }
				],
				{ linkDelivery: 'email', messageLocale: 'zh-CN', reminderAfterDays: null },
				TODAY
			);
			const t0 = at(MORNING, 100);
			await queueInvitations(db, t0);
			expect((await sendDueMessages(db, t0)).sent).toBe(1);
			expect((await sendDueMessages(db, at(t0, 0.5))).sent).toBe(0);
			expect((await sendDueMessages(db, at(t0, 1.1))).sent).toBe(1);
			expect((await messages(db, id)).map((r) => r.status)).toEqual(['sent', 'sent']);
			const zh = mail.mails.find((m) => m.to[0] === 'r1@example.com')!;
			expect(zh.subject).toBe('Huifang邀请您参加满意度回访');
			expect(zh.text).toContain('R1，您好！');
		});

		it('quiet hours hold an SMS until morning on the customer’s clock; the gateway gets phone and text', async () => {
			const gateway = await startHttpReceiver((_, i) => ({ status: 200, body: JSON.stringify({ id: `gw-${i}` }) }));
			try {
				await configureDelivery(db, { smsUrl: gateway.url });
				const id = await linkCampaign(
					db,
					'sms-quiet',
					[
						{ name: '张三', phone: '+8613900000001', timeZone: 'Asia/Shanghai' },
						{ name: 'Jo "Quote" Smith', phone: '+447700900001', timeZone: 'Europe/London' }
					],
					{ linkDelivery: 'sms', messageLocale: 'zh-CN', reminderAfterDays: null },
					TODAY
				);
				// 22:00 in Shanghai, 15:00 in London.
				const night = new Date('2026-06-01T14:00:00Z');
				await queueInvitations(db, night);
				expect(await sendDueMessages(db, night)).toMatchObject({ sent: 1, held: 1 });
				expect(gateway.requests).toHaveLength(1);
				const london = JSON.parse(gateway.requests[0]!.body) as { phone: string; content: string; reference: string };
				expect(london.phone).toBe('+447700900001');
				expect(london.content).toContain('Jo "Quote" Smith');
				const held = (await messages(db, id)).find((m) => m.recipient === '+8613900000001')!;
				expect(held).toMatchObject({ status: 'queued', attempts: 0 });
				// 08:00 in Shanghai.
				expect(new Date(held.next_attempt_at).toISOString()).toBe('2026-06-02T00:00:00.000Z');

				expect((await sendDueMessages(db, new Date('2026-06-01T23:59:00Z'))).sent).toBe(0);
				expect((await sendDueMessages(db, new Date('2026-06-02T00:00:00Z'))).sent).toBe(1);
				const zhang = JSON.parse(gateway.requests[1]!.body) as { phone: string; content: string; reference: string };
				expect(zhang.phone).toBe('+8613900000001');
				expect(zhang.content).toMatch(/^【Huifang】张三您好/);
				expect(zhang.reference).toBe(held.id);
				expect((await messages(db, id)).map((m) => m.provider_id).sort()).toEqual(['gw-0', 'gw-1']);
			} finally {
				await gateway.close();
			}
		});

		it('retries a failing gateway with backoff, then fails with the reason', async () => {
			let healthy = false;
			const gateway = await startHttpReceiver(() => (healthy ? { status: 200, body: '{"id":"ok"}' } : { status: 503, body: 'busy' }));
			try {
				await configureDelivery(db, { smsUrl: gateway.url });
				const id = await linkCampaign(
					db,
					'sms-retry',
					[{ name: 'Retry', phone: '+8613900000002' }],
					{ linkDelivery: 'sms', messageLocale: 'zh-CN', reminderAfterDays: null },
					TODAY
				);
				const t0 = at(MORNING, 200);
				await queueInvitations(db, t0);
				expect((await sendDueMessages(db, t0)).retry).toBe(1);
				let [m] = await messages(db, id);
				expect(m).toMatchObject({ status: 'queued', attempts: 1, error: 'sms gateway: HTTP 503 busy' });
				expect(new Date(m!.next_attempt_at).getTime() - t0.getTime()).toBe(60_000);
				// Not before the backoff.
				expect((await sendDueMessages(db, at(t0, 0.5))).retry).toBe(0);
				expect((await sendDueMessages(db, at(t0, 1))).retry).toBe(1);
				[m] = await messages(db, id);
				expect(new Date(m!.next_attempt_at).getTime() - at(t0, 1).getTime()).toBe(5 * 60_000);
				healthy = true;
				expect((await sendDueMessages(db, at(t0, 6))).sent).toBe(1);
				expect(await messages(db, id)).toMatchObject([{ status: 'sent', attempts: 3, error: null }]);
				expect(gateway.requests).toHaveLength(3);

				// A gateway that never recovers: five attempts, then failed for good.
				healthy = false;
				const id2 = await linkCampaign(
					db,
					'sms-down',
					[{ name: 'Down', phone: '+8613900000003' }],
					{ linkDelivery: 'sms', messageLocale: 'zh-CN', reminderAfterDays: null },
					TODAY
				);
				// From 10:00 to 18:04 in Shanghai, each try after the previous backoff and before quiet hours.
				let t = MORNING;
				await queueInvitations(db, t);
				for (let i = 0; i < 5; i++) {
					await sendDueMessages(db, t);
					t = at(t, 121);
				}
				expect(await messages(db, id2)).toMatchObject([{ status: 'failed', attempts: 5, error: 'sms gateway: HTTP 503 busy' }]);
			} finally {
				await gateway.close();
			}
		});

		it('counts the funnel, takes delivery receipts, and reminds once only unanswered live links of reachable contacts', async () => {
			await configureDelivery(db, { smtpPort: mail.port });
			const names = ['F-answered', 'F-dnc', 'F-opened', 'F-silent'];
			const id = await linkCampaign(
				db,
				'funnel',
				names.map((n) => ({ name: n, email: `${n.toLowerCase()}@example.com` })),
				{ linkDelivery: 'email', messageLocale: 'en', reminderAfterDays: 2 },
				TODAY
			);
			const t0 = at(MORNING, 400);
			await queueInvitations(db, t0);
			expect((await sendDueMessages(db, t0)).sent).toBe(4);
			const tokens = Object.fromEntries(
				names.map((n) => [n, tokenOf(mail.mails.filter((m) => m.to[0] === `${n.toLowerCase()}@example.com`).at(-1)!.text)])
			);
			const rows = await messages(db, id);
			expect(await recordReceipt(db, { messageId: rows[0]!.provider_id!, status: 'delivered' }, t0)).toBe(true);
			expect(await recordReceipt(db, { messageId: rows[1]!.id, status: 'delivered' }, t0)).toBe(true);
			expect(await recordReceipt(db, { messageId: rows[1]!.id, status: 'delivered' }, t0)).toBe(false);
			expect(await recordReceipt(db, { messageId: 'unknown', status: 'delivered' }, t0)).toBe(false);

			const open = async (name: string) => {
				const found = await lookupLink(db, tokens[name]!, t0);
				if (found.state !== 'open') throw new Error(`${name}: link not open`);
				await markOpened(db, found, t0);
				return found;
			};
			const answered = await open('F-answered');
			// Submitting checks expiry against the real time, and this campaign lives in June 2026.
			await db.updateTable('survey_links').set({ expires_at: new Date('2099-01-01') }).where('id', '=', answered.linkId).execute();
			await saveProgress(db, { questionnaireId: answered.version.questionnaireId, versionId: answered.version.versionId, submissionId: answered.linkId, contactId: answered.contactId, campaignId: answered.campaignId, answers: [yes(KEY_IDS[0])] });
			await submitLinkResponse(db, {
				linkId: answered.linkId,
				questionnaireId: answered.version.questionnaireId,
				versionId: answered.version.versionId,
				contactId: answered.contactId,
				campaignId: answered.campaignId,
				submissionId: answered.linkId,
				answers: [...KEY_IDS.map((q) => yes(q)), num('overall_satisfaction', 5)]
			});
			const opened = await open('F-opened');
			await markOpened(db, opened, at(t0, 10));
			expect(await campaignFunnel(db, id)).toEqual({ links: 4, sent: 4, delivered: 2, opened: 2, started: 1, answered: 1 });

			await db.updateTable('contacts').set({ do_not_contact: true }).where('name', '=', 'F-dnc').execute();
			// Not before two days.
			expect(await queueReminders(db, at(t0, 2 * 1440 - 1))).toBe(0);
			expect(await queueReminders(db, at(t0, 2 * 1440))).toBe(2);
			expect(await queueReminders(db, at(t0, 3 * 1440))).toBe(0);
			expect((await sendDueMessages(db, at(t0, 2 * 1440))).sent).toBe(2);
			const reminded = mail.mails.filter((m) => m.subject.startsWith('Reminder: ')).map((m) => m.to[0]);
			expect(reminded.sort()).toEqual(['f-opened@example.com', 'f-silent@example.com']);
			// The reminder's link works and keeps the customer's place.
			const again = mail.mails.filter((m) => m.to[0] === 'f-opened@example.com').at(-1)!;
			expect(await lookupLink(db, tokenOf(again.text), at(t0, 2 * 1440))).toMatchObject({ state: 'open', linkId: opened.linkId });
			expect(await campaignFunnel(db, id)).toMatchObject({ sent: 4, opened: 2, answered: 1 });
		});

		it('never reminds after the link expired, and drops queued messages whose link expired', async () => {
			await configureDelivery(db, { smtpPort: mail.port });
			const id = await linkCampaign(
				db,
				'expiry',
				[{ name: 'Late', email: 'late@example.com' }],
				{ linkDelivery: 'email', messageLocale: 'en', reminderAfterDays: 8 },
				TODAY
			);
			const t0 = at(MORNING, 500);
			await queueInvitations(db, t0);
			await sendDueMessages(db, t0);
			// Links are valid 7 days: a reminder after 8 would point at a dead link.
			expect(await queueReminders(db, at(t0, 8 * 1440))).toBe(0);

			const id2 = await linkCampaign(db, 'expiry-queued', [{ name: 'Queued', email: 'queued@example.com' }], { linkDelivery: 'email', messageLocale: 'en', reminderAfterDays: null }, TODAY);
			await queueInvitations(db, t0);
			expect(await expireMessages(db, at(t0, 7 * 1440 + 1))).toBe(1);
			expect(await messages(db, id2)).toMatchObject([{ status: 'failed', error: 'link_unavailable' }]);
			expect(await messages(db, id)).toMatchObject([{ status: 'sent' }]);
		});
	});
}
