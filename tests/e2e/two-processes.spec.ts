import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { sql } from 'kysely';
import { createDb, type Db } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { createUser } from '../../src/lib/server/users/service';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import { createFromTemplate, latestVersion, publish } from '../../src/lib/server/questionnaires/service';
import { changeStatus, createCampaign } from '../../src/lib/server/campaigns/service';
import { hashToken, issueLinks } from '../../src/lib/server/links/service';
import { createImport, startImport } from '../../src/lib/server/contacts/import';
import { campaignFormSchema } from '../../src/lib/domain/scheduling/campaign-rules';
import { todayIn } from '../../src/lib/domain/scheduling/dates';
import { fieldName } from '../../src/lib/domain/questionnaire/answers';
import { Cluster, freePort, postgresBinDir } from '../pg-cluster';
import { startBuiltApp, waitReady } from './respondent-load';

/**
 * Two independent app processes (`node build` on two ports, as on two machines behind a
 * load balancer) on one PostgreSQL, a throwaway cluster of this test's own. The races
 * that matter, each started on both processes at the same moment:
 * - first-run setup: one admin, the other requests find no setup page;
 * - "call next": agents on both processes never get the same callback;
 * - a single-use personal link submitted on both: one response;
 * - a contact import whose worker died, shown on both: one resumes it, rows stored once.
 */
test.describe.configure({ timeout: 180_000 });

const ZONE = 'Asia/Shanghai';
const AGENTS = 10;
const CALLBACKS = 6;
const IMPORT_ROWS = 2500;

interface Answer {
	status: number;
	location: string | null;
	cookies: string[];
}

async function send(origin: string, path: string, opts: { form?: Record<string, string>; session?: string } = {}): Promise<Answer> {
	const res = await fetch(`${origin}${path}`, {
		method: opts.form ? 'POST' : 'GET',
		redirect: 'manual',
		body: opts.form ? new URLSearchParams(opts.form) : undefined,
		headers: {
			origin,
			accept: 'text/html',
			...(opts.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
			...(opts.session ? { cookie: `${SESSION_COOKIE}=${opts.session}` } : {})
		}
	});
	await res.arrayBuffer();
	return { status: res.status, location: res.headers.get('location'), cookies: res.headers.getSetCookie() };
}

function campaignForm(questionnaireId: string, name: string, channel: 'phone' | 'link', industry: string) {
	return campaignFormSchema.parse({
		name,
		questionnaireId,
		tiers: '',
		industry,
		eventFrom: '',
		eventTo: '',
		delayDays: '30',
		samplePercent: '100',
		sampleSeed: 'two',
		channel,
		phoneAfterDays: '3',
		linkValidDays: '14'
	});
}

async function agentSessions(db: Db): Promise<string[]> {
	const tokens: string[] = [];
	for (let i = 0; i < AGENTS; i++) {
		const created = await createUser(db, { username: `agent${i}`, displayName: `坐席 ${i}`, password: 'Tall-Orchid-Harbor-93', role: 'agent', agentCode: String(2000 + i), locale: 'zh-CN' });
		if (!created.ok) throw new Error('agent not created');
		tokens.push((await createSession(db, created.id, new Date())).token);
	}
	return tokens;
}

test('two app processes on one PostgreSQL: setup, queue claims, single-use links and import takeover each happen once', async () => {
	test.skip(!postgresBinDir(), 'no PostgreSQL server programs (initdb, pg_ctl) on this machine: set PG_BINDIR');
	const cluster = await Cluster.create();
	await cluster.start();
	const db = createDb({ kind: 'postgres', url: cluster.url });
	const ports = [await freePort(), await freePort()];
	const origins = ports.map((port) => `http://127.0.0.1:${port}`);
	const on = (i: number) => origins[i % 2]!;
	let apps: ChildProcess[] = [];
	try {
		await migrateToLatest(db);
		apps = ports.map((port) => startBuiltApp(port, { DATABASE_URL: cluster.url }));
		await Promise.all(apps.map((app, i) => waitReady(origins[i]!, app)));

		// First-run setup raced: four requests, two on each process.
		const setups = await Promise.all(
			[0, 1, 2, 3].map((i) =>
				send(on(i), '/setup', { form: { companyName: '双进程', username: `admin${i}`, displayName: `管理员 ${i}`, password: 'Tall-Orchid-Harbor-93', agentCode: '' } })
			)
		);
		expect(setups.filter((s) => s.status === 303 && s.location === '/questionnaires')).toHaveLength(1);
		expect(setups.filter((s) => s.status === 404)).toHaveLength(3);
		const admins = await db.selectFrom('users').select(['id', 'role']).execute();
		expect(admins).toEqual([{ id: expect.any(String), role: 'admin' }]);
		const adminId = admins[0]!.id;
		const adminSession = (await createSession(db, adminId, new Date())).token;

		// What the races need: a published questionnaire, a phone campaign with due
		// callbacks, a link campaign with one link, and an import whose worker died.
		const questionnaireId = (await createFromTemplate(db, 'car-dealer-aftersales', 'zh-CN', adminId))!;
		await publish(db, questionnaireId, adminId);
		const version = (await latestVersion(db, questionnaireId))!;
		await db
			.insertInto('contacts')
			.values([
				...Array.from({ length: CALLBACKS }, (_, i) => ({ name: `电话${i}`, phone: `+861390000${String(i).padStart(4, '0')}`, industry: 'phone', event_date: '2026-01-05', attributes: '{}' })),
				{ name: '链接', phone: '+8613900009999', industry: 'link', event_date: '2026-01-05', attributes: '{}' }
			])
			.execute();
		const today = todayIn(ZONE, new Date());
		const phoneCampaign = (await createCampaign(db, campaignForm(questionnaireId, '电话回访', 'phone', 'phone'), adminId))!;
		const linkCampaign = (await createCampaign(db, campaignForm(questionnaireId, '链接回访', 'link', 'link'), adminId))!;
		expect(await changeStatus(db, phoneCampaign, 'launch', today)).toBe(true);
		expect(await changeStatus(db, linkCampaign, 'launch', today)).toBe(true);
		const token = (await issueLinks(db, linkCampaign, { reissue: false }))!.links[0]!.token;
		const agents = await agentSessions(db);

		// "Call next" pressed by ten agents at once, five on each process, for six callbacks.
		const presses = await Promise.all(agents.map((session, i) => send(on(i), '/calls?/next', { form: {}, session })));
		const claimed = presses.filter((p) => p.status === 303).map((p) => p.location!);
		expect(claimed).toHaveLength(CALLBACKS);
		expect(claimed.every((location) => /^\/calls\/[0-9a-f-]{36}$/.test(location))).toBe(true);
		expect(new Set(claimed).size).toBe(CALLBACKS);
		expect(presses.filter((p) => p.status === 409)).toHaveLength(AGENTS - CALLBACKS);
		const calls = await db.selectFrom('calls').select(['campaign_contact_id', 'agent_id']).where('campaign_contact_id', 'is not', null).execute();
		expect(new Set(calls.map((c) => c.campaign_contact_id)).size).toBe(CALLBACKS);
		expect(new Set(calls.map((c) => c.agent_id)).size).toBe(CALLBACKS);

		// The same personal link submitted six times at once, three on each process.
		const link = await db.selectFrom('survey_links').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
		const answers = Object.fromEntries(
			version.definition.questions.flatMap((q): [string, string][] =>
				q.kind === 'key' ? [[fieldName(q.id), 'yes']] : q.kind === 'rating' ? [[fieldName(q.id), '5']] : q.kind === 'nps' ? [[fieldName(q.id), '10']] : []
			)
		);
		const submits = await Promise.all(
			[0, 1, 2, 3, 4, 5].map((i) => send(on(i), `/l/${token}`, { form: { versionId: version.versionId, submissionId: link.id, ...answers } }))
		);
		expect(submits.map((s) => s.status)).toEqual(Array(6).fill(303));
		expect(submits.some((s) => s.location === `/l/${token}/thanks`)).toBe(true);
		const linkResponses = await db.selectFrom('responses').select('id').where('campaign_id', '=', linkCampaign).execute();
		expect(linkResponses).toHaveLength(1);
		expect((await db.selectFrom('survey_links').select('used_at').where('id', '=', link.id).executeTakeFirstOrThrow()).used_at).not.toBeNull();

		// An import running when its process died (heartbeat an hour old), opened on both processes at once.
		const csv = ['姓名,手机', ...Array.from({ length: IMPORT_ROWS }, (_, i) => `客户${i},138${String(i).padStart(8, '0')}`)].join('\n');
		const imported = await createImport(db, { userId: adminId, fileName: 'two.csv', bytes: new TextEncoder().encode(csv) });
		if (!imported.ok) throw new Error(`import not created: ${imported.error}`);
		expect(await startImport(db, imported.id, [{ kind: 'field', field: 'name' }, { kind: 'field', field: 'phone' }])).toEqual({ ok: true });
		await db.updateTable('contact_imports').set({ heartbeat_at: new Date(Date.now() - 3_600_000) }).where('id', '=', imported.id).execute();
		const views = await Promise.all([0, 1, 2, 3].map((i) => send(on(i), `/contacts/import/${imported.id}`, { session: adminSession })));
		expect(views.map((v) => v.status)).toEqual([200, 200, 200, 200]);
		let job = await db.selectFrom('contact_imports').select(['status', 'processed', 'created', 'merged', 'rejected']).where('id', '=', imported.id).executeTakeFirstOrThrow();
		for (let i = 0; i < 600 && job.status === 'running'; i++) {
			await new Promise((r) => setTimeout(r, 100));
			job = await db.selectFrom('contact_imports').select(['status', 'processed', 'created', 'merged', 'rejected']).where('id', '=', imported.id).executeTakeFirstOrThrow();
		}
		expect(job).toEqual({ status: 'done', processed: IMPORT_ROWS, created: IMPORT_ROWS, merged: 0, rejected: 0 });
		const rows = await sql<{ n: number; phones: number }>`select count(*)::int as n, count(distinct phone)::int as phones from contacts where phone like '+86138%'`.execute(db);
		expect(rows.rows[0]).toEqual({ n: IMPORT_ROWS, phones: IMPORT_ROWS });

		// Neither process fell over on the way.
		expect(apps.map((app) => app.exitCode)).toEqual([null, null]);
	} finally {
		for (const app of apps) if (app.exitCode === null && app.signalCode === null) app.kill('SIGKILL');
		await db.destroy();
		await cluster.destroy();
	}
});
