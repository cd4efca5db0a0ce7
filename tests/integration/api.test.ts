import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from './setup';
import { apiToken, call } from './api-helpers';
import { makeUser, publishedQuestionnaire, yes, num, KEY_IDS } from './fixtures';
import type { Db } from '$lib/server/db';
import { upsertContacts } from '$lib/server/api/contacts';
import { recordServiceEvents } from '$lib/server/api/events';
import { listResponses } from '$lib/server/api/responses';
import { recordCallEvent } from '$lib/server/api/calls';
import { listCampaigns } from '$lib/server/api/campaigns';
import { revokeApiToken } from '$lib/server/api/tokens';
import { createSession } from '$lib/server/auth/sessions';
import { latestVersion } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';
import { startCall } from '$lib/server/calls/service';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: REST API`, () => {
		let db: Db;
		let writer: string;
		beforeAll(async () => {
			db = await dialect.open();
			writer = await apiToken(db, ['contacts:write', 'events:write', 'responses:read', 'calls:write', 'campaigns:read']);
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('refuses requests without a bearer token, even with a valid session cookie', async () => {
			const admin = await makeUser(db, 'admin');
			const session = await createSession(db, admin, new Date());
			const r = await call(db, listCampaigns, { headers: { cookie: `hf_session=${session.token}`, authorization: `Bearer ${session.token}` } });
			expect(r.status).toBe(401);
			expect(r.headers.get('content-type')).toBe('application/problem+json');
			expect(r.headers.get('www-authenticate')).toBe('Bearer');
			expect(r.body).toMatchObject({ status: 401, type: '/api/v1/docs#problem-unauthorized', instance: '/api/v1/campaigns' });
			expect(r.body.title).toContain('令牌');
		});

		it('answers problems in English when asked', async () => {
			const r = await call(db, listCampaigns, { token: 'hf_not-a-real-token-at-all', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
			expect(r.status).toBe(401);
			expect(r.body.title).toMatch(/API token/);
		});

		it('refuses a token without the scope (read does not allow write), and a revoked token', async () => {
			const reader = await apiToken(db, ['contacts:read']);
			const r = await call(db, upsertContacts, { token: reader, body: { contacts: [{ name: 'A', phone: '13800000001' }] } });
			expect(r.status).toBe(403);
			const admin = await makeUser(db, 'admin');
			const row = await db.selectFrom('api_tokens').select('id').where('scopes', '=', sql<string[]>`array['contacts:read']`).executeTakeFirstOrThrow();
			expect(await revokeApiToken(db, row.id, new Date())).toBe(true);
			expect((await call(db, listCampaigns, { token: reader })).status).toBe(401);
			expect(admin).toBeTruthy();
		});

		it('upserts contacts by external id or phone and reports each rejected row', async () => {
			const r = await call(db, upsertContacts, {
				token: writer,
				headers: { 'accept-language': 'en' },
				body: {
					contacts: [
						{ name: '张三', phone: '138 0013 8000', externalId: 'CRM-1', tier: 'A', eventDate: '2026/11/2', attributes: { car_model: 'X5' } },
						{ name: '李四', externalId: 'CRM-2', email: 'li@example.com' },
						{ name: '坏号码', phone: '12345' },
						{ name: '无编号' },
						{ name: 42 },
						{ name: '张三 (merged)', externalId: 'CRM-1', product: 'Service' }
					]
				}
			});
			expect(r.status).toBe(200);
			expect(r.body.created).toBe(2);
			expect(r.body.merged).toBe(1);
			expect(r.body.rejected.map((x: { index: number; reason: string }) => [x.index, x.reason])).toEqual([
				[2, 'contacts_reject_phone'],
				[3, 'api_reject_no_key'],
				[4, 'api_reject_invalid']
			]);
			expect(r.body.rejected[0].message).toBe('Invalid phone number');
			const c = await db
				.selectFrom('contacts')
				.select(['name', 'phone', 'tier', 'product', 'attributes', sql<string>`event_date::text`.as('event_date')])
				.where('external_id', '=', 'CRM-1')
				.executeTakeFirstOrThrow();
			expect(c).toEqual({ name: '张三 (merged)', phone: '+8613800138000', tier: 'A', product: 'Service', attributes: { car_model: 'X5' }, event_date: '2026-11-02' });
		});

		it('refuses a malformed body with JSON pointers to the wrong parts', async () => {
			const bad = await call(db, upsertContacts, { token: writer, body: '{"contacts": [' });
			expect(bad.status).toBe(400);
			expect(bad.body.type).toBe('/api/v1/docs#problem-invalid_json');
			const empty = await call(db, upsertContacts, { token: writer, body: { contacts: [], extra: 1 } });
			expect(empty.status).toBe(400);
			expect(empty.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['', '/contacts']);
		});

		it('replays the stored answer for a repeated Idempotency-Key and writes once', async () => {
			const body = { contacts: [{ name: '王五', phone: '13900139000' }] };
			const headers = { 'idempotency-key': 'import-2026-12-01-a' };
			const first = await call(db, upsertContacts, { token: writer, body, headers });
			expect(first.body).toMatchObject({ created: 1, merged: 0 });
			// Without the key the same body would merge; with it the first answer comes back.
			const again = await call(db, upsertContacts, { token: writer, body, headers });
			expect(again.status).toBe(200);
			expect(again.headers.get('idempotent-replayed')).toBe('true');
			expect(again.body).toEqual(first.body);
			const n = await db.selectFrom('contacts').select((eb) => eb.fn.countAll<string>().as('n')).where('phone', '=', '+8613900139000').executeTakeFirstOrThrow();
			expect(Number(n.n)).toBe(1);
			const other = await call(db, upsertContacts, { token: writer, body: { contacts: [{ name: '赵六', phone: '13900139001' }] }, headers });
			expect(other.status).toBe(422);
			// Keys belong to a token: another token's same key is a new request.
			const second = await apiToken(db, ['contacts:write']);
			expect((await call(db, upsertContacts, { token: second, body, headers })).body).toMatchObject({ created: 0, merged: 1 });
		});

		it('limits requests per token per minute, counted in the database, and lets them through again next minute', async () => {
			const limited = await apiToken(db, ['campaigns:read'], 3);
			const t0 = new Date('2026-12-01T10:00:05Z');
			for (let i = 0; i < 3; i++) expect((await call(db, listCampaigns, { token: limited, now: t0 })).status).toBe(200);
			const over = await call(db, listCampaigns, { token: limited, now: new Date('2026-12-01T10:00:50Z') });
			expect(over.status).toBe(429);
			expect(over.headers.get('retry-after')).toBe('10');
			// Other tokens have their own budget.
			expect((await call(db, listCampaigns, { token: writer, now: t0 })).status).toBe(200);
			const next = await call(db, listCampaigns, { token: limited, now: new Date('2026-12-01T10:01:00Z') });
			expect(next.status).toBe(200);
			expect(next.headers.get('ratelimit-remaining')).toBe('2');
		});

		it('records service events: the latest visit becomes the event date; unknown contacts are rejected', async () => {
			const r = await call(db, recordServiceEvents, {
				token: writer,
				body: {
					events: [
						{ externalId: 'CRM-2', date: '2026-11-20', kind: 'service' },
						{ externalId: 'CRM-2', date: '2026-10-01', kind: 'late report' },
						{ phone: '13800138000', date: '2026-11-25' },
						{ externalId: 'NOPE', date: '2026-11-20' },
						{ externalId: 'CRM-2', date: '2026-02-30' }
					]
				}
			});
			expect(r.status).toBe(200);
			expect(r.body.recorded).toBe(3);
			expect(r.body.rejected.map((x: { index: number; reason: string }) => [x.index, x.reason])).toEqual([
				[3, 'api_reject_contact_unknown'],
				[4, 'contacts_reject_date']
			]);
			const dates = await db
				.selectFrom('contacts')
				.select(['external_id', sql<string>`event_date::text`.as('d')])
				.where('external_id', 'in', ['CRM-1', 'CRM-2'])
				.orderBy('external_id')
				.execute();
			expect(dates).toEqual([
				{ external_id: 'CRM-1', d: '2026-11-25' },
				{ external_id: 'CRM-2', d: '2026-11-20' }
			]);
		});

		it('pages responses by cursor since a time, with question texts and labels in the requested locale', async () => {
			const { id: questionnaireId } = await publishedQuestionnaire(db);
			const versionId = (await latestVersion(db, questionnaireId))!.versionId;
			for (let i = 0; i < 3; i++) {
				const answers = [yes('received_promptly', i !== 1), num('overall_satisfaction', 3 + i), ...KEY_IDS.slice(1).map((k) => yes(k)), num('recommend', 9)];
				await submitWebResponse(db, { questionnaireId, versionId, submissionId: crypto.randomUUID(), answers });
			}
			const seen: string[] = [];
			let cursor: string | null = null;
			let pages = 0;
			do {
				const r = await call(db, listResponses, {
					token: writer,
					query: { since: '2020-01-01T00:00:00Z', limit: '2', locale: 'en', questionnaireId, ...(cursor ? { cursor } : {}) }
				});
				expect(r.status).toBe(200);
				seen.push(...r.body.data.map((x: { id: string }) => x.id));
				cursor = r.body.nextCursor;
				pages++;
			} while (cursor);
			expect(pages).toBe(2);
			expect(new Set(seen).size).toBe(3);
			const r = await call(db, listResponses, { token: writer, query: { limit: '1', questionnaireId } });
			const first = r.body.data[0];
			expect(first).toMatchObject({ questionnaireId, channel: 'web', status: 'completed', version: 1 });
			const received = first.answers.find((a: { questionId: string }) => a.questionId === 'received_promptly');
			expect(received).toMatchObject({ kind: 'key', yesNo: true, label: '是', cause: 'service' });
			expect(received.question.length).toBeGreaterThan(2);
			const later = await call(db, listResponses, { token: writer, query: { since: '2999-01-01T00:00:00Z' } });
			expect(later.body).toEqual({ data: [], nextCursor: null });
			const badCursor = await call(db, listResponses, { token: writer, query: { cursor: 'garbage' } });
			expect(badCursor.status).toBe(400);
		});

		it('stores call events once per kind and derives ring and talk time', async () => {
			const { id: questionnaireId } = await publishedQuestionnaire(db);
			const agentId = await makeUser(db, 'agent');
			const callId = (await startCall(db, { questionnaireId, agentId, customerName: '钱七', customerPhone: '13700137000' }))!;
			const post = (kind: string, at: string) => call(db, recordCallEvent, { token: writer, body: { callId, kind, at, externalRef: 'cti-9' } });
			expect((await post('ringing', '2026-12-01T10:00:00+08:00')).status).toBe(201);
			await post('answered', '2026-12-01T10:00:12+08:00');
			const last = await post('hung_up', '2026-12-01T10:03:42+08:00');
			expect(last.body).toMatchObject({ callId, recorded: true, ringSeconds: 12, talkSeconds: 210 });
			expect(last.body.events.map((e: { kind: string }) => e.kind)).toEqual(['ringing', 'answered', 'hung_up']);
			const repeat = await post('hung_up', '2026-12-01T10:09:00+08:00');
			expect(repeat.body).toMatchObject({ recorded: false, talkSeconds: 210 });
			const unknown = await call(db, recordCallEvent, { token: writer, body: { callId: crypto.randomUUID(), kind: 'ringing', at: '2026-12-01T10:00:00Z' } });
			expect(unknown.status).toBe(404);
		});
	});
}
