/**
 * `npm run bench` (second part): contact import and per-customer link submissions.
 *
 * 1. A 50,000-row contact CSV imported in batches, timed, while a probe runs a
 *    query every 20 ms: its p95/max latency shows whether other users are blocked.
 * 2. Link submissions over HTTP against the built app (`npm start`) on PGlite and,
 *    with BENCH_DATABASE_URL, on PostgreSQL: submissions per second, p50/p95; then,
 *    as reference, the same rows written by raw `pg` transactions (response, answers,
 *    link consumed) straight into PostgreSQL, and the ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { completeSetup } from '../../src/lib/server/users/service';
import { createFromTemplate, latestVersion, publish } from '../../src/lib/server/questionnaires/service';
import { campaignFormSchema } from '../../src/lib/domain/scheduling/campaign-rules';
import { todayIn } from '../../src/lib/domain/scheduling/dates';
import { changeStatus, createCampaign } from '../../src/lib/server/campaigns/service';
import { hashToken, issueLinks } from '../../src/lib/server/links/service';
import { scratchDatabase } from '../scratch-database';
import { createImport, getImport, guessMapping, runImport, startImport } from '../../src/lib/server/contacts/import';
import { fieldName } from '../../src/lib/domain/questionnaire/answers';
import type { Definition } from '../../src/lib/domain/questionnaire/definition';

const LINKS = Number(process.env.BENCH_LINKS ?? 2000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const CONCURRENCY = 8;
const root = path.resolve(import.meta.dirname, '../..');

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function importBench(name: string, db: Db, userId: string) {
	const lines = ['姓名,手机,客户编号,客户等级,购买日期,车型'];
	for (let i = 0; i < IMPORT_ROWS; i++) {
		const phone = i % 500 === 7 ? '12345' : `+86137${String(10_000_000 + i)}`;
		lines.push(`客户${i},${phone},IMP-${i},${'ABCDE'[i % 5]},2026/${(i % 12) + 1}/${(i % 28) + 1},M${i % 40}`);
	}
	const bytes = new TextEncoder().encode(lines.join('\n'));
	const created = await createImport(db, { userId, fileName: 'bench.csv', bytes });
	if (!created.ok) throw new Error(created.error);
	const job = (await getImport(db, created.id))!;
	await startImport(db, created.id, guessMapping(job.headers));
	const probes: number[] = [];
	let running = true;
	const probe = (async () => {
		while (running) {
			const t = performance.now();
			await db.selectFrom('contacts').select((eb) => eb.fn.countAll().as('n')).where('tier', '=', 'A').executeTakeFirst();
			probes.push(performance.now() - t);
			await new Promise((r) => setTimeout(r, 20));
		}
	})();
	const started = performance.now();
	await runImport(db, created.id);
	const seconds = (performance.now() - started) / 1000;
	running = false;
	await probe;
	const done = (await getImport(db, created.id))!;
	probes.sort((a, b) => a - b);
	console.log(
		`${name.padEnd(10)} import of ${IMPORT_ROWS} rows (${(bytes.length / 1e6).toFixed(1)} MB): ${seconds.toFixed(1)} s, ` +
			`${Math.round(IMPORT_ROWS / seconds)} rows/s; created ${done.created}, rejected ${done.rejected}; ` +
			`a concurrent query meanwhile: p95 ${fmt(pct(probes, 0.95))}, max ${fmt(probes.at(-1)!)} (${probes.length} probes)`
	);
}

interface Prepared {
	tokens: string[];
	/** Each link's id, which its page carries as the submission id (as a customer's browser posts it). */
	linkIds: Map<string, string>;
	definition: Definition;
	versionId: string;
}

/** A published 4S questionnaire, LINKS contacts in a launched campaign, their links. */
async function prepare(db: Db, withImport: string | null): Promise<Prepared> {
	await migrateToLatest(db);
	const userId = await completeSetup(db, { companyName: 'Bench', username: 'bench', displayName: 'Bench', password: 'bench password 1', agentCode: null });
	if (withImport) await importBench(withImport, db, userId);
	const qid = (await createFromTemplate(db, 'car-dealer-aftersales', 'zh-CN', userId))!;
	await publish(db, qid, userId);
	const version = (await latestVersion(db, qid))!;
	const rows = Array.from({ length: LINKS }, (_, i) => ({ name: `链接客户${i}`, phone: `+86136${String(10_000_000 + i)}`, industry: 'bench', event_date: '2026-01-01' }));
	for (let i = 0; i < rows.length; i += 1000) await db.insertInto('contacts').values(rows.slice(i, i + 1000)).execute();
	const form = campaignFormSchema.parse({
		name: 'Bench',
		questionnaireId: qid,
		tiers: '',
		industry: 'bench',
		eventFrom: '',
		eventTo: '',
		delayDays: '30',
		samplePercent: '100',
		sampleSeed: 'bench',
		channel: 'link',
		phoneAfterDays: '3',
		linkValidDays: '30'
	});
	const campaignId = (await createCampaign(db, form, userId))!;
	await changeStatus(db, campaignId, 'launch', todayIn('Asia/Shanghai'));
	const issued = (await issueLinks(db, campaignId, { reissue: false }))!;
	const tokens = issued.links.map((l) => l.token);
	const linkRows = await db.selectFrom('survey_links').select(['id', 'token_hash']).where('token_hash', 'in', tokens.map(hashToken)).execute();
	const idByHash = new Map(linkRows.map((r) => [r.token_hash, r.id]));
	const linkIds = new Map(tokens.map((t) => [t, idByHash.get(hashToken(t))!]));
	return { tokens, linkIds, definition: version.definition, versionId: version.versionId };
}

/** The form a customer posts: every question answered. */
function answerFields(definition: Definition): [string, string][] {
	const fields: [string, string][] = [];
	for (const q of definition.questions) {
		if (q.kind === 'key') fields.push([fieldName(q.id), 'yes']);
		else if (q.kind === 'rating') fields.push([fieldName(q.id), '5']);
		else if (q.kind === 'nps') fields.push([fieldName(q.id), '10']);
		else if ((q.kind === 'single' || q.kind === 'multiple') && 'options' in q) fields.push([fieldName(q.id), q.options[0]!.id]);
	}
	return fields;
}

async function pool<T>(items: T[], work: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < items.length) await work(items[next++]!);
		})
	);
}

function report(label: string, latencies: number[], seconds: number) {
	latencies.sort((a, b) => a - b);
	const rate = latencies.length / seconds;
	console.log(`${label.padEnd(34)} ${Math.round(rate)} submissions/s, p50 ${fmt(pct(latencies, 0.5))}, p95 ${fmt(pct(latencies, 0.95))} (${latencies.length}, ${CONCURRENCY} at a time)`);
	return rate;
}

async function startApp(env: Record<string, string>, port: number): Promise<ChildProcess> {
	const app = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/start.ts'], {
		cwd: root,
		env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}` },
		stdio: ['ignore', 'ignore', 'inherit'],
		// Its own process group, so stopping it stops the server it spawns too.
		detached: true
	});
	for (let i = 0; i < 600; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/login`)).ok) return app;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	await stopApp(app);
	throw new Error('the app did not start');
}

async function stopApp(app: ChildProcess) {
	const exited = new Promise((r) => app.once('exit', r));
	process.kill(-app.pid!, 'SIGTERM');
	await exited;
}

async function httpBench(label: string, p: Prepared, port: number): Promise<number> {
	const origin = `http://127.0.0.1:${port}`;
	const answers = answerFields(p.definition);
	const latencies: number[] = [];
	const started = performance.now();
	await pool(p.tokens, async (token) => {
		const body = new URLSearchParams([['versionId', p.versionId], ['submissionId', p.linkIds.get(token)!], ...answers]);
		const t = performance.now();
		const res = await fetch(`${origin}/l/${token}`, {
			method: 'POST',
			body,
			redirect: 'manual',
			headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }
		});
		latencies.push(performance.now() - t);
		if (res.status !== 303 || !res.headers.get('location')?.endsWith('/thanks')) throw new Error(`submission refused: ${res.status} ${res.headers.get("location")} ${(await res.text()).slice(0, 300)}`);
	});
	return report(label, latencies, (performance.now() - started) / 1000);
}

/** The same rows through raw pg: response, answers, link consumed, callback marked, one transaction each. */
async function rawBench(url: string, p: Prepared): Promise<number> {
	const db = new pg.Pool({ connectionString: url, max: CONCURRENCY });
	const answers = answerFields(p.definition);
	const meta = await db.query(
		`select l.id, cc.id as cc_id, cc.contact_id, cc.campaign_id, c.questionnaire_id
		   from survey_links l join campaign_contacts cc on cc.id = l.campaign_contact_id join campaigns c on c.id = cc.campaign_id
		  where l.token_hash = any($1)`,
		[p.tokens.map(hashToken)]
	);
	const latencies: number[] = [];
	const started = performance.now();
	await pool(meta.rows as { id: string; cc_id: string; contact_id: string; campaign_id: string; questionnaire_id: string }[], async (l) => {
		const t = performance.now();
		const client = await db.connect();
		try {
			await client.query('begin');
			const r = await client.query(
				`insert into responses (questionnaire_id, version_id, channel, submission_id, status, submitted_at, contact_id, campaign_id)
				 values ($1, $2, 'web', $3, 'completed', now(), $4, $5) returning id`,
				[l.questionnaire_id, p.versionId, randomUUID(), l.contact_id, l.campaign_id]
			);
			const id = r.rows[0].id as string;
			const values = answers.map((_, i) => `($1, $${i * 3 + 2}, $${i * 3 + 3}::boolean, $${i * 3 + 4}::integer)`).join(', ');
			const params: unknown[] = [id];
			for (const [name, value] of answers) {
				const isYes = value === 'yes';
				params.push(name.slice(2), isYes ? true : null, isYes ? null : Number(value));
			}
			await client.query(`insert into answers (response_id, question_id, yes_no, number) values ${values}`, params);
			const used = await client.query(`update survey_links set used_at = now(), response_id = $2 where id = $1 and used_at is null`, [l.id, id]);
			if (used.rowCount !== 1) throw new Error('link already used');
			await client.query(`update campaign_contacts set status = 'responded' where id = $1`, [l.cc_id]);
			await client.query('commit');
		} catch (e) {
			await client.query('rollback');
			throw e;
		} finally {
			client.release();
		}
		latencies.push(performance.now() - t);
	});
	const rate = report('raw pg transactions (PostgreSQL)', latencies, (performance.now() - started) / 1000);
	await db.end();
	return rate;
}

const freshDatabase = (serverUrl: string, suffix: string) => scratchDatabase(serverUrl, `huifang_bench_${suffix}_${process.pid}`);

const serverUrl = process.env.BENCH_DATABASE_URL;
const port = Number(process.env.BENCH_PORT ?? 4373);

// PGlite: prepared in a data directory, then served by the app from it.
const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-bench-'));
let pgliteRate = 0;
{
	const db = createDb({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
	const prepared = await prepare(db, 'PGlite');
	await db.destroy();
	const app = await startApp({ DATA_DIR: dataDir }, port);
	try {
		pgliteRate = await httpBench('HTTP link submissions (PGlite)', prepared, port);
	} finally {
		await stopApp(app);
		rmSync(dataDir, { recursive: true, force: true });
	}
}

if (serverUrl) {
	const served = await freshDatabase(serverUrl, 'http');
	const raw = await freshDatabase(serverUrl, 'raw');
	try {
		const db = createDb({ kind: 'postgres', url: served.url });
		const prepared = await prepare(db, 'PostgreSQL');
		await db.destroy();
		const app = await startApp({ DATABASE_URL: served.url }, port);
		let pgRate: number;
		try {
			pgRate = await httpBench('HTTP link submissions (PostgreSQL)', prepared, port);
		} finally {
			await stopApp(app);
		}
		const rawDb = createDb({ kind: 'postgres', url: raw.url });
		const rawPrepared = await prepare(rawDb, null);
		await rawDb.destroy();
		const rawRate = await rawBench(raw.url, rawPrepared);
		console.log(`ratio HTTP PGlite / raw pg: ${(pgliteRate / rawRate).toFixed(2)}; HTTP PostgreSQL / raw pg: ${(pgRate / rawRate).toFixed(2)}`);
	} finally {
		await served.drop();
		await raw.drop();
	}
} else {
	console.log('(set BENCH_DATABASE_URL=postgres://… for PostgreSQL and the raw pg reference)');
}
