import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '$lib/server/db';
import { queueInvitations } from '$lib/server/delivery/queue';
import { sendDueMessages } from '$lib/server/delivery/send';
import { campaignFunnel } from '$lib/server/delivery/funnel';
import { answerReceipts } from '$lib/server/delivery/receipt-endpoint';
import { DIALECTS } from './setup';
import { configureDelivery, linkCampaign } from './delivery-fixtures';
import { startHttpReceiver } from '../mail-server';

const SECRET = 'receipt-secret-for-tests';
// 10:00 in Shanghai: no quiet hours.
const MORNING = new Date('2026-06-01T02:00:00Z');

/**
 * The receipt endpoint's handler on a real loopback HTTP server, as the route serves
 * it: the gateway's requests cross the wire with their headers and bodies.
 */
async function serveReceipts(db: Db, now: () => Date): Promise<{ url: string; close: () => Promise<void> }> {
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			const headers = new Headers();
			for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
			const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
			const response = await answerReceipts(db, request, now(), SECRET);
			res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/delivery-receipts`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: delivery receipts over HTTP`, () => {
		let db: Db;
		let gateway: Awaited<ReturnType<typeof startHttpReceiver>>;
		let endpoint: Awaited<ReturnType<typeof serveReceipts>>;
		let campaignId: string;
		let clock = MORNING;

		const post = async (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${SECRET}` }) => {
			const r = await fetch(endpoint.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: typeof body === 'string' ? body : JSON.stringify(body)
			});
			return { status: r.status, type: r.headers.get('content-type'), body: await r.json() };
		};
		const statuses = async () =>
			db.selectFrom('link_messages').select(['provider_id', 'status', 'error', 'delivered_at']).where('campaign_id', '=', campaignId).orderBy('provider_id').execute();

		beforeAll(async () => {
			db = await dialect.open();
			gateway = await startHttpReceiver((_, i) => ({ status: 200, body: JSON.stringify({ id: `gw-${i}` }) }));
			endpoint = await serveReceipts(db, () => clock);
			await configureDelivery(db, { smsUrl: gateway.url });
			campaignId = await linkCampaign(
				db,
				'receipts',
				['R-0', 'R-1', 'R-2'].map((name, i) => ({ name, phone: `+861390000010${i}`, timeZone: 'Asia/Shanghai' })),
				{ linkDelivery: 'sms', messageLocale: 'zh-CN', reminderAfterDays: null },
				'2026-06-01'
			);
			await queueInvitations(db, MORNING);
			expect((await sendDueMessages(db, MORNING)).sent).toBe(3);
		}, 180_000);
		afterAll(async () => {
			await endpoint.close();
			await gateway.close();
			await db.destroy();
		});

		it('refuses a missing or wrong secret with 401, and a bad body with a 400 problem', async () => {
			const missing = await post([{ messageId: 'gw-0', status: 'delivered' }], {});
			expect(missing.status).toBe(401);
			expect(missing.type).toBe('application/problem+json');
			expect(missing.body).toMatchObject({ status: 401, type: '/api/v1/docs#problem-receipt_unauthorized', instance: '/api/delivery-receipts' });
			expect((await post({ messageId: 'gw-0', status: 'delivered' }, { authorization: `Bearer ${SECRET}x` })).status).toBe(401);
			expect((await post({ messageId: 'gw-0', status: 'delivered' }, { authorization: SECRET })).status).toBe(401);

			const notJson = await post('{"messageId":', { authorization: `Bearer ${SECRET}`, 'accept-language': 'en' });
			expect(notJson.status).toBe(400);
			expect(notJson.body).toMatchObject({ type: '/api/v1/docs#problem-invalid_json', title: 'The request body is not valid JSON' });
			const wrong = await post([{ messageId: 'gw-0', status: 'read' }], { authorization: `Bearer ${SECRET}`, 'accept-language': 'en' });
			expect(wrong.status).toBe(400);
			expect(wrong.type).toBe('application/problem+json');
			expect(wrong.body.errors).toEqual([{ pointer: '/0/status', detail: 'Not one of the allowed values' }]);
			expect((await post({ status: 'delivered' })).body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/messageId']);
			expect((await post([])).status).toBe(400);
			expect((await statuses()).map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
		});

		it('one receipt, then a list: messages become delivered or failed, unknown ids are not updated, the funnel counts deliveries', async () => {
			expect((await campaignFunnel(db, campaignId)).delivered).toBe(0);
			clock = new Date(MORNING.getTime() + 60_000);
			const one = await post({ messageId: 'gw-0', status: 'delivered' });
			expect(one).toMatchObject({ status: 200, body: { received: 1, updated: 1, notUpdated: 0 } });
			expect((await campaignFunnel(db, campaignId)).delivered).toBe(1);

			const list = await post([
				{ messageId: 'gw-1', status: 'delivered' },
				{ messageId: 'gw-2', status: 'failed', reason: 'number out of service' },
				{ messageId: 'gw-0', status: 'failed' },
				{ messageId: 'gw-unknown', status: 'delivered' },
				{ messageId: crypto.randomUUID(), status: 'delivered' }
			]);
			expect(list).toMatchObject({ status: 200, body: { received: 5, updated: 2, notUpdated: 3 } });
			const rows = await statuses();
			expect(rows.map((m) => [m.provider_id, m.status, m.error])).toEqual([
				['gw-0', 'delivered', null],
				['gw-1', 'delivered', null],
				['gw-2', 'failed', 'gateway: number out of service']
			]);
			expect(new Date(rows[1]!.delivered_at!).toISOString()).toBe(clock.toISOString());
			expect(await campaignFunnel(db, campaignId)).toMatchObject({ sent: 2, delivered: 2 });
		});
	});
}
