/**
 * `npm run bench` (respondent loop): what a customer does, GET the page then POST the
 * answers, over HTTP against the built app (`npm start`), on an open link (/s/<slug>)
 * and on personal links (/l/<token>), 8, 32 and 64 customers at a time. Next to it, in
 * the same run, raw `pg` transactions writing the same rows (open: response + answers;
 * personal: response + answers + link consumed + callback marked) straight into
 * PostgreSQL, and the ratio of respondents per second, HTTP over raw.
 *
 * PGlite runs in the app's single process (one connection, one core), PostgreSQL with
 * WEB_CONCURRENCY app processes (default: the number of cores). BENCH_DATABASE_URL
 * names the server for the PostgreSQL half; BENCH_LOOPS the loops per measurement;
 * BENCH_SKIP_PGLITE=1 measures PostgreSQL only.
 * The open link's per-network hourly limit is turned off: every request here comes
 * from 127.0.0.1, which the limit would (rightly) stop after 30.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { completeSetup } from '../../src/lib/server/users/service';
import { createFromTemplate, latestVersion, publish } from '../../src/lib/server/questionnaires/service';
import { setOpenLinkLimits } from '../../src/lib/server/responses/open-links';
import { campaignFormSchema } from '../../src/lib/domain/scheduling/campaign-rules';
import { todayIn } from '../../src/lib/domain/scheduling/dates';
import { changeStatus, createCampaign } from '../../src/lib/server/campaigns/service';
import { hashToken, issueLinks } from '../../src/lib/server/links/service';
import { fieldName } from '../../src/lib/domain/questionnaire/answers';
import type { Definition } from '../../src/lib/domain/questionnaire/definition';
import { scratchDatabase } from '../scratch-database';
import { startApp, stopApp } from './app';

const LEVELS = [8, 32, 64];
const LOOPS = Number(process.env.BENCH_LOOPS ?? 1200);
const WARMUP = 64;
const port = Number(process.env.BENCH_PORT ?? 4374);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;

interface Prepared {
	slug: string;
	versionId: string;
	questionnaireId: string;
	definition: Definition;
	/** Unused personal links, taken one per loop. */
	tokens: string[];
}

/** A published 4S questionnaire (open link, no hourly limit) and a launched link campaign of `links` contacts. */
async function prepare(db: Db, links: number): Promise<Prepared> {
	await migrateToLatest(db);
	const userId = await completeSetup(db, { companyName: 'Bench', username: 'bench', displayName: 'Bench', password: 'bench password 1', agentCode: null });
	const qid = (await createFromTemplate(db, 'car-dealer-aftersales', 'zh-CN', userId))!;
	await publish(db, qid, userId);
	await setOpenLinkLimits(db, qid, { hourlyPerIp: 0, oncePerBrowser: false });
	const version = (await latestVersion(db, qid))!;
	const { slug } = await db.selectFrom('questionnaires').select('slug').where('id', '=', qid).executeTakeFirstOrThrow();
	const rows = Array.from({ length: links }, (_, i) => ({ name: `客户${i}`, phone: `+86136${String(10_000_000 + i)}`, industry: 'bench', event_date: '2026-01-01' }));
	for (let i = 0; i < rows.length; i += 1000) await db.insertInto('contacts').values(rows.slice(i, i + 1000)).execute();
	const form = campaignFormSchema.parse({
		name: 'Bench', questionnaireId: qid, tiers: '', industry: 'bench', eventFrom: '', eventTo: '', delayDays: '30',
		samplePercent: '100', sampleSeed: 'bench', channel: 'link', phoneAfterDays: '3', linkValidDays: '30'
	});
	const campaignId = (await createCampaign(db, form, userId))!;
	await changeStatus(db, campaignId, 'launch', todayIn('Asia/Shanghai'));
	const issued = (await issueLinks(db, campaignId, { reissue: false }))!;
	return { slug, versionId: version.versionId, questionnaireId: qid, definition: version.definition, tokens: issued.links.map((l) => l.token) };
}

/** Every question answered, as a customer's form posts it. */
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

/** Runs `count` loops, `concurrency` at a time; returns loops per second. */
async function run(count: number, concurrency: number, loop: (i: number) => Promise<void>): Promise<number> {
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) await loop(next++);
		})
	);
	return count / ((performance.now() - started) / 1000);
}

const hidden = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1];

interface LoopResult {
	rate: number;
	loop: number[];
	post: number[];
}

/** GET then POST, `count` times, `concurrency` at a time; `path(i)` is the page of loop i. */
async function httpLoops(origin: string, p: Prepared, count: number, concurrency: number, pathOf: (i: number) => string): Promise<LoopResult> {
	const answers = answerFields(p.definition);
	const loop: number[] = [];
	const post: number[] = [];
	const rate = await run(count, concurrency, async (i) => {
		const url = `${origin}${pathOf(i)}`;
		const t0 = performance.now();
		const page = await fetch(url, { headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' } });
		const html = await page.text();
		const submissionId = hidden(html, 'submissionId');
		const versionId = hidden(html, 'versionId');
		if (!page.ok || !submissionId || !versionId) throw new Error(`page ${url}: ${page.status}`);
		const t1 = performance.now();
		const res = await fetch(url, {
			method: 'POST',
			body: new URLSearchParams([['versionId', versionId], ['submissionId', submissionId], ...answers]),
			redirect: 'manual',
			headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }
		});
		await res.arrayBuffer();
		const t2 = performance.now();
		if (res.status !== 303 || !res.headers.get('location')?.endsWith('/thanks')) throw new Error(`submission refused: ${res.status}`);
		loop.push(t2 - t0);
		post.push(t2 - t1);
	});
	loop.sort((a, b) => a - b);
	post.sort((a, b) => a - b);
	return { rate, loop, post };
}

type Kind = 'open' | 'personal';
type Rates = Record<Kind, Map<number, LoopResult>>;

/** Both kinds at every level; personal links are consumed from `p.tokens` in order. */
async function httpBench(label: string, p: Prepared, origin: string): Promise<Rates> {
	const rates: Rates = { open: new Map(), personal: new Map() };
	let token = 0;
	// Warm-up: JIT, pools, the version cache.
	await httpLoops(origin, p, WARMUP, 8, () => `/s/${p.slug}`);
	await httpLoops(origin, p, WARMUP, 8, () => `/l/${p.tokens[token++]}`);
	for (const level of LEVELS) {
		for (const kind of ['open', 'personal'] as const) {
			const r = await httpLoops(origin, p, LOOPS, level, () => (kind === 'open' ? `/s/${p.slug}` : `/l/${p.tokens[token++]}`));
			rates[kind].set(level, r);
			console.log(
				`${label.padEnd(11)} ${kind.padEnd(8)} ${String(level).padStart(2)} at a time: ${String(Math.round(r.rate)).padStart(5)} respondents/s; ` +
					`loop p50 ${ms(pct(r.loop, 0.5))} p95 ${ms(pct(r.loop, 0.95))}; POST p50 ${ms(pct(r.post, 0.5))} p95 ${ms(pct(r.post, 0.95))}`
			);
		}
	}
	return rates;
}

/** Raw pg: the rows a submission writes, one transaction each, `level` connections. */
async function rawBench(url: string, p: Prepared): Promise<Record<Kind, Map<number, number>>> {
	const answers = answerFields(p.definition);
	const answerSql = answers.map((_, i) => `($1, $${i * 3 + 2}, $${i * 3 + 3}::boolean, $${i * 3 + 4}::integer)`).join(', ');
	const answerParams = answers.flatMap(([name, value]) => [name.slice(2), value === 'yes' ? true : null, value === 'yes' ? null : Number(value)]);
	const meta = await new pg.Pool({ connectionString: url, max: 1 });
	const links = (
		await meta.query(
			`select l.id, cc.id as cc_id, cc.contact_id, cc.campaign_id from survey_links l join campaign_contacts cc on cc.id = l.campaign_contact_id
			  where l.token_hash = any($1)`,
			[p.tokens.map(hashToken)]
		)
	).rows as { id: string; cc_id: string; contact_id: string; campaign_id: string }[];
	await meta.end();
	const result = { open: new Map<number, number>(), personal: new Map<number, number>() };
	let next = 0;
	for (const level of LEVELS) {
		const db = new pg.Pool({ connectionString: url, max: level });
		for (const kind of ['open', 'personal'] as const) {
			const rate = await run(LOOPS, level, async () => {
				const link = kind === 'personal' ? links[next++]! : null;
				const client = await db.connect();
				try {
					await client.query('begin');
					const r = await client.query(
						`insert into responses (questionnaire_id, version_id, channel, submission_id, status, submitted_at, contact_id, campaign_id)
						 values ($1, $2, 'web', $3, 'completed', now(), $4, $5) returning id`,
						[p.questionnaireId, p.versionId, randomUUID(), link?.contact_id ?? null, link?.campaign_id ?? null]
					);
					const id = r.rows[0].id as string;
					await client.query(`insert into answers (response_id, question_id, yes_no, number) values ${answerSql}`, [id, ...answerParams]);
					if (link) {
						const used = await client.query(`update survey_links set used_at = now(), response_id = $2 where id = $1 and used_at is null`, [link.id, id]);
						if (used.rowCount !== 1) throw new Error('link already used');
						await client.query(`update campaign_contacts set status = 'responded' where id = $1`, [link.cc_id]);
					}
					await client.query('commit');
				} catch (e) {
					await client.query('rollback');
					throw e;
				} finally {
					client.release();
				}
			});
			result[kind].set(level, rate);
			console.log(`raw pg      ${kind.padEnd(8)} ${String(level).padStart(2)} at a time: ${String(Math.round(rate)).padStart(5)} transactions/s`);
		}
		await db.end();
	}
	return result;
}

const linksNeeded = WARMUP + LOOPS * LEVELS.length;

// PGlite: prepared in a data directory, then served by the app (one process) from it.
if (process.env.BENCH_SKIP_PGLITE !== '1') {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-bench-respondent-'));
	const db = createDb({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
	const prepared = await prepare(db, linksNeeded);
	await db.destroy();
	const app = await startApp({ DATA_DIR: dataDir }, port);
	try {
		await httpBench('PGlite', prepared, `http://127.0.0.1:${port}`);
	} finally {
		await stopApp(app);
		rmSync(dataDir, { recursive: true, force: true });
	}
}

const serverUrl = process.env.BENCH_DATABASE_URL;
if (serverUrl) {
	const served = await scratchDatabase(serverUrl, `huifang_bench_loop_${process.pid}`);
	const raw = await scratchDatabase(serverUrl, `huifang_bench_loopraw_${process.pid}`);
	try {
		const db = createDb({ kind: 'postgres', url: served.url });
		const prepared = await prepare(db, linksNeeded);
		await db.destroy();
		const app = await startApp({ DATABASE_URL: served.url }, port);
		let http: Rates;
		try {
			http = await httpBench(`PostgreSQL`, prepared, `http://127.0.0.1:${port}`);
		} finally {
			await stopApp(app);
		}
		const rawDb = createDb({ kind: 'postgres', url: raw.url });
		const rawPrepared = await prepare(rawDb, linksNeeded);
		await rawDb.destroy();
		const rawRates = await rawBench(raw.url, rawPrepared);
		for (const kind of ['open', 'personal'] as const) {
			const ratios = LEVELS.map((level) => `${level}: ${(http[kind].get(level)!.rate / rawRates[kind].get(level)!).toFixed(2)}`);
			console.log(`ratio HTTP loop / raw pg, ${kind} link (PostgreSQL), by customers at a time: ${ratios.join(', ')}`);
		}
	} finally {
		await served.drop();
		await raw.drop();
	}
} else {
	console.log('(set BENCH_DATABASE_URL=postgres://… for PostgreSQL and the raw pg reference)');
}
