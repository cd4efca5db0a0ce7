import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { apiToken, call } from './api-helpers';
import { KEY_IDS, makeUser, num, publishedQuestionnaire, yes } from './fixtures';
import type { Db } from '$lib/server/db';
import { latestVersion } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';
import { saveRoute, saveTeam } from '$lib/server/follow-ups/teams';
import { getCaseRoute, listCasesRoute } from '$lib/server/api/cases';
import { changeCaseStateRoute, commentOnCaseRoute } from '$lib/server/api/case-actions';
import { sha256 } from '$lib/server/api/tokens';

type CaseBody = { id: string; state: string; owner: { id: string } | null; timeline: { kind: string; body: string | null; user: { id: string } | null }[] };

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: cases in the REST API`, () => {
		let db: Db;
		let questionnaireId: string;
		let versionId: string;
		let teamId: string;
		let member: { id: string; username: string };
		let outsider: { id: string; username: string };
		let reader: string;
		let writer: string;

		const userRow = async (id: string) => db.selectFrom('users').select(['id', 'username']).where('id', '=', id).executeTakeFirstOrThrow();
		const allYes = () => [...KEY_IDS.map((id) => yes(id)), num('overall_satisfaction', 5)];
		/** A submitted response with a "no" to the question: it opens a case. */
		async function openCase(no = 'received_promptly'): Promise<string> {
			const submissionId = crypto.randomUUID();
			const answers = allYes().map((a) => (a.questionId === no ? yes(no, false) : a));
			await submitWebResponse(db, { questionnaireId, versionId, submissionId, answers });
			const row = await db
				.selectFrom('follow_ups as f')
				.innerJoin('responses as r', 'r.id', 'f.response_id')
				.select('f.id')
				.where('r.submission_id', '=', submissionId)
				.executeTakeFirstOrThrow();
			return row.id;
		}
		const state = (id: string, body: unknown, opts: { token?: string; headers?: Record<string, string>; now?: Date } = {}) =>
			call(db, changeCaseStateRoute, { token: writer, params: { id }, body, ...opts });

		beforeAll(async () => {
			db = await dialect.open();
			({ id: questionnaireId } = await publishedQuestionnaire(db));
			versionId = (await latestVersion(db, questionnaireId))!.versionId;
			member = await userRow(await makeUser(db, 'analyst'));
			outsider = await userRow(await makeUser(db, 'analyst'));
			teamId = await saveTeam(db, { name: 'Service desk', leadId: member.id, memberIds: [member.id] });
			await saveRoute(db, { cause: 'service', teamId, assignment: 'lead', firstActionHours: 24, resolveHours: 72 });
			reader = await apiToken(db, ['cases:read']);
			writer = await apiToken(db, ['cases:write']);
		}, 180_000);
		afterAll(async () => {
			await db.destroy();
		});

		it('needs the cases scope: read to list, write to change', async () => {
			const other = await apiToken(db, ['responses:read']);
			expect((await call(db, listCasesRoute, { token: other })).status).toBe(403);
			const id = await openCase();
			const r = await state(id, { state: 'in_progress' }, { token: reader });
			expect(r.status).toBe(403);
			expect(r.body.type).toBe('/api/v1/docs#problem-forbidden');
			expect((await call(db, getCaseRoute, { token: reader, params: { id } })).body.state).toBe('open');
		});

		it('pages every case by cursor in update order, with filters and "updated since"', async () => {
			const ids = [await openCase(), await openCase(), await openCase()];
			const seen: string[] = [];
			let cursor: string | null = null;
			let pages = 0;
			do {
				const r = await call(db, listCasesRoute, { token: reader, query: { limit: '2', ...(cursor ? { cursor } : {}) } });
				expect(r.status).toBe(200);
				seen.push(...r.body.data.map((c: { id: string }) => c.id));
				cursor = r.body.nextCursor;
				pages++;
			} while (cursor && pages < 20);
			const total = Number((await db.selectFrom('follow_ups').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
			expect(seen).toHaveLength(total);
			expect(new Set(seen).size).toBe(total);
			expect(seen).toEqual(expect.arrayContaining(ids));

			// A comment later on moves one case to the end, and "since" finds only it.
			const later = new Date(Date.now() + 3_600_000);
			expect((await call(db, commentOnCaseRoute, { token: writer, params: { id: ids[0]! }, body: { text: 'CRM: called back' }, now: later })).status).toBe(201);
			const since = await call(db, listCasesRoute, { token: reader, query: { since: later.toISOString() } });
			expect(since.body.data.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
			expect(since.body.data[0]).toMatchObject({ state: 'open', cause: 'service', team: { id: teamId, name: 'Service desk' }, updatedAt: later.toISOString() });
			expect(since.body.nextCursor).toBeNull();

			const priceCase = await openCase('charges_explained');
			const byCause = await call(db, listCasesRoute, { token: reader, query: { cause: 'price', limit: '200' } });
			expect(byCause.body.data.map((c: { id: string }) => c.id)).toEqual([priceCase]);
			const byTeam = await call(db, listCasesRoute, { token: reader, query: { team: teamId, state: 'open', limit: '200' } });
			expect(byTeam.body.data.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(ids));
			expect(byTeam.body.data.map((c: { id: string }) => c.id)).not.toContain(priceCase);

			const bad = await call(db, listCasesRoute, { token: reader, query: { state: 'closed', cursor: 'nonsense' } });
			expect(bad.status).toBe(400);
			expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('#/query/state');
		});

		it('shows one case with the answers that opened it and its timeline; unknown or malformed ids are 404', async () => {
			const id = await openCase();
			const r = await call(db, getCaseRoute, { token: reader, params: { id }, query: { locale: 'en' } });
			expect(r.status).toBe(200);
			expect(r.body.items).toHaveLength(1);
			expect(r.body.items[0]).toMatchObject({ questionId: 'received_promptly', kind: 'key', cause: 'service' });
			expect(r.body.items[0].question).toMatch(/[A-Za-z]/);
			expect(r.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['opened']);
			expect((await call(db, getCaseRoute, { token: reader, params: { id: crypto.randomUUID() } })).status).toBe(404);
			const malformed = await call(db, getCaseRoute, { token: reader, params: { id: 'not-a-uuid' } });
			expect(malformed.status).toBe(404);
			expect(malformed.headers.get('content-type')).toBe('application/problem+json');
			expect((await call(db, getCaseRoute, { params: { id } })).status).toBe(401);
		});

		it('moves a case through the app’s own state machine as a named user; a wrong step is 409, a user without the right 403', async () => {
			const id = await openCase();
			const asMember = { username: member.username };
			// Each step a minute after the last, so the timeline's order is the order of the steps.
			let minutes = 0;
			const step = (caseId: string, body: unknown, opts: { headers?: Record<string, string> } = {}) =>
				call(db, changeCaseStateRoute, { token: writer, params: { id: caseId }, body, now: new Date(Date.now() + ++minutes * 60_000), ...opts });
			const outsiderTry = await step(id, { state: 'in_progress', actingAs: { username: outsider.username } }, { headers: { 'accept-language': 'en' } });
			expect(outsiderTry.status).toBe(403);
			expect(outsiderTry.body).toMatchObject({ type: '/api/v1/docs#problem-case_not_allowed', status: 403 });

			const accepted = await step(id, { state: 'in_progress', actingAs: asMember });
			expect(accepted.status).toBe(200);
			expect((accepted.body as CaseBody).state).toBe('in_progress');
			expect((accepted.body as CaseBody).owner?.id).toBe(member.id);

			const again = await step(id, { state: 'in_progress', actingAs: asMember }, { headers: { 'accept-language': 'en' } });
			expect(again.status).toBe(409);
			expect(again.headers.get('content-type')).toBe('application/problem+json');
			expect(again.body).toMatchObject({ type: '/api/v1/docs#problem-case_illegal_move', status: 409 });
			expect(again.body.title).toMatch(/state/);
			expect((await step(id, { state: 'informed', how: 'phone', text: 'told', actingAs: asMember })).status).toBe(409);

			// Closing without a fix is for supervisors: the member may not, the admin who made the token may.
			expect((await step(id, { state: 'wont_fix', text: 'no', actingAs: asMember })).status).toBe(403);
			expect((await step(id, { state: 'resolved', text: 'Replaced the part', actingAs: asMember })).status).toBe(200);
			const future = await step(id, { state: 'informed', how: 'phone', text: 'Told by phone', informedAt: new Date(Date.now() + 86_400_000).toISOString(), actingAs: asMember });
			expect(future.status).toBe(400);
			const informed = await step(id, { state: 'informed', how: 'phone', text: 'Told by phone', actingAs: asMember });
			expect(informed.status).toBe(200);
			const body = informed.body as CaseBody;
			expect(body.state).toBe('informed');
			const kinds = body.timeline.map((e) => e.kind);
			expect(kinds.slice(0, 3)).toEqual(['opened', 'accepted', 'resolved']);
			// Informing writes both entries at one moment.
			expect(kinds.slice(3).sort()).toEqual(['informed', 'verification_scheduled']);
			expect(body.timeline.find((e) => e.kind === 'resolved')).toMatchObject({ body: 'Replaced the part', user: { id: member.id } });
			const verification = await db.selectFrom('follow_up_verifications').select('completed_at').where('follow_up_id', '=', id).execute();
			expect(verification).toHaveLength(1);

			const closed = await step(id, { state: 'wont_fix', text: 'Customer withdrew' });
			expect(closed.status).toBe(200);
			expect(closed.body.state).toBe('wont_fix');
			const creator = await db.selectFrom('api_tokens').select('created_by').where('token_hash', '=', sha256(writer)).executeTakeFirstOrThrow();
			expect((closed.body as CaseBody).timeline.at(-1)).toMatchObject({ kind: 'wont_fix', user: { id: creator.created_by } });
			expect((await db.selectFrom('follow_ups').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('wont_fix');
		});

		it('refuses an unknown or disabled acting user, and a body that is no known step', async () => {
			const id = await openCase();
			const unknown = await state(id, { state: 'in_progress', actingAs: { agentCode: 'nobody' } });
			expect(unknown.status).toBe(422);
			expect(unknown.body.type).toBe('/api/v1/docs#problem-case_actor_unknown');
			await db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', outsider.id).execute();
			expect((await state(id, { state: 'in_progress', actingAs: { username: outsider.username } })).status).toBe(422);
			expect((await state(id, { state: 'verified' })).status).toBe(400);
			expect((await state(id, { state: 'resolved' })).status).toBe(400);
			expect((await state(crypto.randomUUID(), { state: 'in_progress' })).status).toBe(404);
			expect((await db.selectFrom('follow_ups').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('open');
		});

		it('comments on the timeline once per Idempotency-Key; the key on another case is another request', async () => {
			const [a, b] = [await openCase(), await openCase()];
			const headers = { 'idempotency-key': `comment-${a}` };
			const soon = new Date(Date.now() + 60_000);
			const first = await call(db, commentOnCaseRoute, { token: writer, params: { id: a }, headers, now: soon, body: { text: '客户来电补充说明', actingAs: { username: member.username } } });
			expect(first.status).toBe(201);
			expect((first.body as CaseBody).timeline.at(-1)).toMatchObject({ kind: 'comment', body: '客户来电补充说明', user: { id: member.id } });
			const replay = await call(db, commentOnCaseRoute, { token: writer, params: { id: a }, headers, body: { text: '客户来电补充说明', actingAs: { username: member.username } } });
			expect(replay.status).toBe(201);
			expect(replay.headers.get('idempotent-replayed')).toBe('true');
			const comments = await db.selectFrom('follow_up_events').select('id').where('follow_up_id', '=', a).where('kind', '=', 'comment').execute();
			expect(comments).toHaveLength(1);
			const elsewhere = await call(db, commentOnCaseRoute, { token: writer, params: { id: b }, headers, body: { text: '客户来电补充说明', actingAs: { username: member.username } } });
			expect(elsewhere.status).toBe(422);
			expect(await db.selectFrom('follow_up_events').select('id').where('follow_up_id', '=', b).where('kind', '=', 'comment').execute()).toEqual([]);
			const outsiderComment = await call(db, commentOnCaseRoute, { token: writer, params: { id: b }, body: { text: 'x', actingAs: { username: (await userRow(await makeUser(db, 'analyst'))).username } } });
			expect(outsiderComment.status).toBe(403);
			expect((await call(db, commentOnCaseRoute, { token: writer, params: { id: b }, body: { text: '   ' } })).status).toBe(400);
		});
	});
}
