import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createDb, type Db, type DbConfig } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { completeSetup } from '../../src/lib/server/users/service';
import { createFromTemplate, latestVersion, publish } from '../../src/lib/server/questionnaires/service';
import { setOpenLinkLimits } from '../../src/lib/server/responses/open-links';
import { fieldName } from '../../src/lib/domain/questionnaire/answers';
import { scratchDatabase } from '../scratch-database';

/**
 * Crash safety, with the built app started as a user starts it (`npm start`) on its
 * own database: 16 customers at a time post answers to an open link, each with its own
 * submission id; the server is killed with SIGKILL in the middle, started again, and
 * every post that got no answer is sent again with the same id, until each is
 * acknowledged. Every acknowledged submission must be stored exactly once, whole.
 * Then a SIGTERM while posts are in flight: they are answered, and the server exits 0.
 * PGlite (its data directory must open again after the kill) and PostgreSQL
 * (a scratch database on E2E_DATABASE_URL's server, in the run with the app on PostgreSQL).
 */
test.describe.configure({ timeout: 360_000 });

const root = path.resolve(import.meta.dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 4173) + 61;
const origin = `http://127.0.0.1:${port}`;
const SUBMISSIONS = 300;
const AT_A_TIME = 16;

interface Survey {
	slug: string;
	versionId: string;
	questionnaireId: string;
	answers: [string, string][];
}

async function prepare(config: DbConfig): Promise<Survey> {
	const db: Db = createDb(config);
	try {
		await migrateToLatest(db);
		const userId = await completeSetup(db, { companyName: 'Crash', username: 'crash', displayName: 'Crash', password: 'crash password 1', agentCode: null });
		const questionnaireId = (await createFromTemplate(db, 'car-dealer-aftersales', 'zh-CN', userId))!;
		await publish(db, questionnaireId, userId);
		// Every post comes from 127.0.0.1: the per-network limit would rightly stop it after 30.
		await setOpenLinkLimits(db, questionnaireId, { hourlyPerIp: 0, oncePerBrowser: false });
		const version = (await latestVersion(db, questionnaireId))!;
		const { slug } = await db.selectFrom('questionnaires').select('slug').where('id', '=', questionnaireId).executeTakeFirstOrThrow();
		const answers: [string, string][] = version.definition.questions.flatMap((q): [string, string][] =>
			q.kind === 'key' ? [[fieldName(q.id), 'no']] : q.kind === 'rating' ? [[fieldName(q.id), '4']] : q.kind === 'nps' ? [[fieldName(q.id), '9']] : []
		);
		return { slug, versionId: version.versionId, questionnaireId, answers };
	} finally {
		await db.destroy();
	}
}

function start(env: Record<string, string>): ChildProcess {
	return spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/start.ts'], {
		cwd: root,
		env: { ...process.env, LOG_LEVEL: 'warn', WEB_CONCURRENCY: '2', ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin },
		stdio: ['ignore', 'ignore', 'inherit'],
		// Its own process group: a kill reaches the primary and every worker, as a machine crash would.
		detached: true
	});
}

async function ready(app: ChildProcess): Promise<void> {
	for (let i = 0; i < 480; i++) {
		if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode}`);
		try {
			if ((await fetch(`${origin}/readyz`)).ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('the app did not become ready');
}

const exited = (app: ChildProcess) =>
	app.exitCode !== null || app.signalCode !== null
		? Promise.resolve(app.exitCode)
		: new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));

/** One customer's post; true when the server acknowledged it (303 to the thanks page), false when it got no answer. */
async function post(s: Survey, submissionId: string): Promise<boolean> {
	let res: Response;
	try {
		res = await fetch(`${origin}/s/${s.slug}`, {
			method: 'POST',
			redirect: 'manual',
			body: new URLSearchParams([['versionId', s.versionId], ['submissionId', submissionId], ...s.answers]),
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			signal: AbortSignal.timeout(20_000)
		});
		await res.arrayBuffer();
	} catch {
		return false;
	}
	// An answer is the thanks page: never an error page, also not while the server goes down.
	expect(res.status).toBe(303);
	expect(res.headers.get('location')).toBe(`/s/${s.slug}/thanks`);
	return true;
}

/** Posts `batch`, AT_A_TIME at once; returns the ids that got no answer. `after` runs after each post. */
async function send(survey: Survey, batch: string[], acknowledged: Set<string>, after: () => void = () => {}): Promise<string[]> {
	const unanswered: string[] = [];
	let i = 0;
	await Promise.all(
		Array.from({ length: AT_A_TIME }, async () => {
			while (i < batch.length) {
				const id = batch[i++]!;
				if (await post(survey, id)) acknowledged.add(id);
				else unanswered.push(id);
				after();
			}
		})
	);
	return unanswered;
}

async function crashAndRecover(env: Record<string, string>, config: DbConfig) {
	const survey = await prepare(config);
	const ids = Array.from({ length: SUBMISSIONS }, () => randomUUID());
	const late = Array.from({ length: AT_A_TIME }, () => randomUUID());
	const acknowledged = new Set<string>();
	let app = start(env);
	try {
		await ready(app);
		// Load, and a SIGKILL once a third of the posts were acknowledged; the posts in
		// flight then, and those after, get no answer.
		const crashed = app;
		let killed = false;
		const unanswered = await send(survey, ids, acknowledged, () => {
			if (!killed && acknowledged.size >= SUBMISSIONS / 3) {
				killed = true;
				process.kill(-crashed.pid!, 'SIGKILL');
			}
		});
		await exited(crashed);
		expect(killed).toBe(true);
		expect(unanswered.length).toBeGreaterThan(0);

		// Restart; send every unanswered post again with its own id until each is answered.
		app = start(env);
		await ready(app);
		let pending = unanswered;
		for (let round = 0; pending.length > 0 && round < 5; round++) pending = await send(survey, pending, acknowledged);
		expect(acknowledged.size).toBe(SUBMISSIONS);

		// Graceful shutdown: posts in flight when SIGTERM arrives are answered, then exit 0.
		const inFlight = send(survey, late, acknowledged);
		await new Promise((r) => setTimeout(r, 30));
		process.kill(-app.pid!, 'SIGTERM');
		await inFlight;
		expect(await exited(app)).toBe(0);
	} finally {
		// A failed assertion must not leave a server running.
		if (app.exitCode === null && app.signalCode === null) process.kill(-app.pid!, 'SIGKILL');
	}

	// Stored exactly once, whole: one row per acknowledged id, each with all its answers.
	const db = createDb(config);
	try {
		const rows = await db
			.selectFrom('responses as r')
			.leftJoin('answers as a', 'a.response_id', 'r.id')
			.select(['r.submission_id', 'r.status'])
			.select((eb) => eb.fn.count<string>('a.response_id').as('answers'))
			.where('r.questionnaire_id', '=', survey.questionnaireId)
			.groupBy(['r.id', 'r.submission_id', 'r.status'])
			.execute();
		const stored = new Map<string, number>();
		for (const r of rows) {
			stored.set(r.submission_id, (stored.get(r.submission_id) ?? 0) + 1);
			expect(r.status).toBe('completed');
			expect(Number(r.answers)).toBe(survey.answers.length);
		}
		for (const id of acknowledged) expect(stored.get(id), `submission ${id}`).toBe(1);
		// A late post cut off by the shutdown may or may not have been stored; nothing else may be.
		const allowed = new Set<string>([...ids, ...late]);
		expect([...stored.keys()].every((id) => allowed.has(id))).toBe(true);
	} finally {
		await db.destroy();
	}
}

test('PGlite: a SIGKILL under load loses no acknowledged submission and stores none twice', async () => {
	test.skip(!!process.env.E2E_DATABASE_URL, 'this run is on PostgreSQL');
	const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-crash-'));
	try {
		await crashAndRecover({ DATA_DIR: dataDir }, { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
});

test('PostgreSQL: a SIGKILL under load loses no acknowledged submission and stores none twice', async () => {
	// The run with the app on PostgreSQL (E2E_DATABASE_URL) takes this half, on a scratch database of that server.
	const server = process.env.E2E_DATABASE_URL;
	test.skip(!server, 'this run is on PGlite');
	const scratch = await scratchDatabase(server!, `huifang_crash_${process.pid}_${Date.now()}`);
	try {
		await crashAndRecover({ DATABASE_URL: scratch.url }, { kind: 'postgres', url: scratch.url });
	} finally {
		await scratch.drop();
	}
});
