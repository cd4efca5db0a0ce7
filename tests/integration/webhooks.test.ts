import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DIALECTS } from './setup';
import { makeUser, publishedQuestionnaire, yes, num, KEY_IDS } from './fixtures';
import type { Db } from '$lib/server/db';
import { emitEvent } from '$lib/server/webhooks/emit';
import { deliverWebhooks } from '$lib/server/webhooks/deliver';
import { createSubscription, disableSubscription, recentDeliveries, replayDelivery, setPrivateTargetsAllowed } from '$lib/server/webhooks/subscriptions';
import { verifySignature } from '$lib/server/webhooks/signature';
import { latestVersion } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';
import { answerQuestion, finishCall, giveConsent, startCall } from '$lib/server/calls/service';
import { RETRY_WINDOW_MS } from '$lib/domain/integrations/backoff';
import { campaignFormSchema } from '$lib/domain/scheduling/campaign-rules';
import { changeStatus, createCampaign } from '$lib/server/campaigns/service';
import { issueLinks, lookupLink, submitLinkResponse } from '$lib/server/links/service';
import { markOpened } from '$lib/server/delivery/funnel';
import { randomBytes } from 'node:crypto';

// Secrets are sealed at rest; on PostgreSQL the key must come from the environment.
process.env.HUIFANG_SECRET_KEY ??= randomBytes(32).toString('base64');

interface Received {
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** A real HTTP receiver on loopback; `answers` are the status codes to give, in order (then 200). */
function receiver() {
	const received: Received[] = [];
	const answers: number[] = [];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push({ headers: req.headers, body });
			res.statusCode = answers.shift() ?? 200;
			res.end('ok');
		});
	});
	return {
		received,
		answers,
		server,
		start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: webhooks`, () => {
		let db: Db;
		let admin: string;
		const hook = receiver();
		let url: string;
		let secret: string;
		let subscriptionId: string;

		beforeAll(async () => {
			db = await dialect.open();
			admin = await makeUser(db, 'admin');
			url = await hook.start();
		});
		afterAll(async () => {
			await hook.stop();
			await db.destroy();
		});
		beforeEach(() => {
			hook.received.length = 0;
			hook.answers.length = 0;
		});

		it('refuses a loopback target until an admin allows private targets', async () => {
			const refused = await createSubscription(db, { url, events: ['response.submitted'] }, admin);
			expect(refused).toEqual({ ok: false, errors: { url: 'api_webhook_private' } });
			const internal = await createSubscription(db, { url: 'http://10.1.2.3/x', events: ['response.submitted'] }, admin);
			expect(internal.ok).toBe(false);
			await setPrivateTargetsAllowed(db, true);
			const created = await createSubscription(db, { url, events: ['response.submitted', 'call.completed'] }, admin);
			if (!created.ok) throw new Error('not created');
			expect(created.secret).toMatch(/^whsec_/);
			secret = created.secret;
			subscriptionId = created.id;
		});

		it('records nothing when the causing transaction rolls back', async () => {
			await expect(
				db.transaction().execute(async (trx) => {
					await emitEvent(trx, 'response.submitted', { responseId: 'x' });
					throw new Error('rollback');
				})
			).rejects.toThrow('rollback');
			expect(await recentDeliveries(db)).toEqual([]);
		});

		it('retries a failed delivery with backoff, then delivers it signed', async () => {
			const { id: questionnaireId } = await publishedQuestionnaire(db);
			const versionId = (await latestVersion(db, questionnaireId))!.versionId;
			const answers = [...KEY_IDS.map((k) => yes(k)), num('overall_satisfaction', 5), num('recommend', 10)];
			await submitWebResponse(db, { questionnaireId, versionId, submissionId: crypto.randomUUID(), answers });
			const [delivery] = await recentDeliveries(db);
			expect(delivery).toMatchObject({ type: 'response.submitted', state: 'pending', attempts: 0 });

			hook.answers.push(500);
			const t0 = new Date(Date.now() + 1000);
			expect(await deliverWebhooks(db, t0)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
			expect((await recentDeliveries(db))[0]).toMatchObject({ state: 'pending', attempts: 1, last_status: 500 });
			// Not due again before the backoff has passed.
			expect(await deliverWebhooks(db, new Date(t0.getTime() + 20_000))).toEqual({ delivered: 0, retrying: 0, failed: 0 });
			expect(await deliverWebhooks(db, new Date(t0.getTime() + 31_000))).toEqual({ delivered: 1, retrying: 0, failed: 0 });
			expect((await recentDeliveries(db))[0]).toMatchObject({ state: 'delivered', attempts: 2, last_status: 200 });

			expect(hook.received).toHaveLength(2);
			const last = hook.received[1]!;
			const event = JSON.parse(last.body);
			expect(event).toMatchObject({ type: 'response.submitted', data: { questionnaireId, versionId, channel: 'web' } });
			expect(last.headers['huifang-event']).toBe('response.submitted');
			const signature = String(last.headers['huifang-signature']);
			expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
			const t = Math.floor((t0.getTime() + 31_000) / 1000);
			expect(verifySignature(secret, signature, last.body, t)).toBe(true);
			expect(verifySignature(secret, signature, last.body.replace('web', 'wab'), t)).toBe(false);
			expect(verifySignature('whsec_wrong', signature, last.body, t)).toBe(false);
			expect(verifySignature(secret, signature, last.body, t + 3600)).toBe(false);
		});

		it('replays a delivered event from the log', async () => {
			const [delivery] = await recentDeliveries(db);
			expect(await replayDelivery(db, delivery!.id, new Date())).toBe(true);
			expect(await replayDelivery(db, delivery!.id, new Date())).toBe(false);
			await deliverWebhooks(db, new Date(Date.now() + 1000));
			expect(hook.received).toHaveLength(1);
			expect(JSON.parse(hook.received[0]!.body).type).toBe('response.submitted');
		});

		it('gives up after 24 hours of failures', async () => {
			await db.transaction().execute((trx) => emitEvent(trx, 'call.completed', { callId: 'c1' }));
			const start = new Date(Date.now() + 1000);
			let now = start;
			for (let i = 0; i < 40; i++) {
				hook.answers.push(503);
				await deliverWebhooks(db, now);
				const [d] = await recentDeliveries(db);
				if (d!.state !== 'pending') break;
				now = new Date(d!.next_attempt_at);
			}
			const [d] = await recentDeliveries(db);
			expect(d).toMatchObject({ state: 'failed', last_status: 503 });
			expect(d!.attempts).toBeGreaterThan(8);
			expect(now.getTime() - start.getTime()).toBeLessThanOrEqual(RETRY_WINDOW_MS);
			expect(hook.received).toHaveLength(d!.attempts);
		});

		it('sends each delivery once when two workers run at the same moment', async () => {
			for (let i = 0; i < 12; i++) await db.transaction().execute((trx) => emitEvent(trx, 'call.completed', { callId: `c${i}` }));
			const now = new Date(Date.now() + 1000);
			const [a, b] = await Promise.all([deliverWebhooks(db, now), deliverWebhooks(db, now)]);
			expect(a.delivered + b.delivered).toBe(12);
			expect(hook.received).toHaveLength(12);
			expect(new Set(hook.received.map((r) => JSON.parse(r.body).data.callId)).size).toBe(12);
		});

		it('emits call.completed and response.submitted when a call ends, in its transaction', async () => {
			const { id: questionnaireId } = await publishedQuestionnaire(db);
			const agentId = await makeUser(db, 'agent');
			const callId = (await startCall(db, { questionnaireId, agentId, customerName: '孙八', customerPhone: '13600136000' }))!;
			await giveConsent(db, callId, agentId);
			for (const q of KEY_IDS) await answerQuestion(db, callId, agentId, q, 'yes');
			await answerQuestion(db, callId, agentId, 'overall_satisfaction', '4');
			await answerQuestion(db, callId, agentId, 'recommend', '8');
			expect(await finishCall(db, callId, agentId, 'completed', null)).toEqual({ ok: true });
			await deliverWebhooks(db, new Date(Date.now() + 1000));
			const types = hook.received.map((r) => JSON.parse(r.body)).map((e) => [e.type, e.data.callId]);
			expect(types).toEqual(expect.arrayContaining([['call.completed', callId], ['response.submitted', callId]]));
		});

		it('fires link.opened once on the first view of a personal link, and response.submitted with the contact on its answer', async () => {
			const opened = await createSubscription(db, { url, events: ['link.opened'] }, admin);
			expect(opened.ok).toBe(true);
			const { id: questionnaireId, userId } = await publishedQuestionnaire(db);
			const contact = await db.insertInto('contacts').values({ name: '甲', phone: '+8613900000200', event_date: '2026-04-01' }).returning('id').executeTakeFirstOrThrow();
			const form = campaignFormSchema.parse({
				name: 'Hooks', questionnaireId, tiers: '', industry: '', eventFrom: '', eventTo: '', delayDays: '30',
				samplePercent: '100', sampleSeed: 's', channel: 'link', phoneAfterDays: '3', linkValidDays: '7'
			});
			const campaignId = (await createCampaign(db, form, userId))!;
			await changeStatus(db, campaignId, 'launch', '2026-05-15');
			const [link] = (await issueLinks(db, campaignId, { reissue: false }))!.links;
			const found = await lookupLink(db, link!.token);
			if (found.state !== 'open') throw new Error('link not open');
			const view = { linkId: found.linkId, campaignId, contactId: contact.id };
			await Promise.all([markOpened(db, view, new Date()), markOpened(db, view, new Date()), markOpened(db, view, new Date())]);
			await submitLinkResponse(db, {
				linkId: found.linkId, questionnaireId, versionId: found.version.versionId, contactId: contact.id, campaignId,
				submissionId: found.linkId, answers: [...KEY_IDS.map((k) => yes(k)), num('overall_satisfaction', 5), num('recommend', 9)]
			});
			await deliverWebhooks(db, new Date(Date.now() + 1000));
			const events = hook.received.map((r) => JSON.parse(r.body));
			expect(events.filter((e) => e.type === 'link.opened').map((e) => e.data)).toEqual([expect.objectContaining(view)]);
			expect(events.filter((e) => e.type === 'response.submitted').map((e) => e.data)).toEqual([
				expect.objectContaining({ contactId: contact.id, campaignId, questionnaireId, channel: 'web' })
			]);
		});

		it('refuses loopback again when the setting is turned off, at delivery time too', async () => {
			await setPrivateTargetsAllowed(db, false);
			await db.transaction().execute((trx) => emitEvent(trx, 'call.completed', { callId: 'blocked' }));
			await deliverWebhooks(db, new Date(Date.now() + 1000));
			expect(hook.received).toHaveLength(0);
			expect((await recentDeliveries(db))[0]).toMatchObject({ state: 'pending', last_status: null });
			expect((await recentDeliveries(db))[0]!.last_error).toMatch(/private or loopback/);
			expect(await disableSubscription(db, subscriptionId, new Date())).toBe(true);
		});
	});
}
