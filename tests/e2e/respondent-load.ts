import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createDb, type Db, type DbConfig } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { completeSetup } from '../../src/lib/server/users/service';
import { createFromTemplate, latestVersion, publish } from '../../src/lib/server/questionnaires/service';
import { setOpenLinkLimits } from '../../src/lib/server/responses/open-links';
import { fieldName } from '../../src/lib/domain/questionnaire/answers';

/**
 * Customers posting answers to an open link while the server or its database is
 * interrupted (crash-safety.spec.ts, database-restart.spec.ts): the survey, the app
 * started as a user starts it, one post, and what ended up stored.
 */
export const root = path.resolve(import.meta.dirname, '../..');

export interface Survey {
	slug: string;
	versionId: string;
	questionnaireId: string;
	answers: [string, string][];
}

/** Migrates a fresh database and publishes the 4S template with open-link limits off (every post comes from 127.0.0.1). */
export async function prepareSurvey(config: DbConfig): Promise<Survey> {
	const db: Db = createDb(config);
	try {
		await migrateToLatest(db);
		const userId = await completeSetup(db, { companyName: 'Crash', username: 'crash', displayName: 'Crash', password: 'crash password 1', agentCode: null });
		const questionnaireId = (await createFromTemplate(db, 'car-dealer-aftersales', 'zh-CN', userId))!;
		await publish(db, questionnaireId, userId);
		// The per-network limit would rightly stop 127.0.0.1 after 30.
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

/** `npm start` (build if needed, migrate, cluster) in its own process group, so a kill reaches every worker. */
export function startApp(port: number, env: Record<string, string>): ChildProcess {
	return spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/start.ts'], {
		cwd: root,
		env: { ...process.env, LOG_LEVEL: 'warn', WEB_CONCURRENCY: '2', ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}` },
		stdio: ['ignore', 'ignore', 'inherit'],
		detached: true
	});
}

/**
 * The built app as one plain process (`node build`, migrations already applied): a crash
 * shows as its exit, where `npm start`'s cluster would replace the worker.
 */
export function startBuiltApp(port: number, env: Record<string, string>): ChildProcess {
	return spawn(process.execPath, ['build/index.js'], {
		cwd: root,
		env: { ...process.env, LOG_LEVEL: 'error', ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}` },
		stdio: ['ignore', 'ignore', 'inherit']
	});
}

/** Waits for /readyz to answer 200 (a bounded wait; a failure names what happened). */
export async function waitReady(origin: string, app: ChildProcess): Promise<void> {
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

export const exited = (app: ChildProcess) =>
	app.exitCode !== null || app.signalCode !== null
		? Promise.resolve(app.exitCode)
		: new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));

/** What one post got: an answer (status, where it redirects, the page) or none (connection refused or cut). */
export type PostOutcome = { status: number; location: string | null; body: string; retryAfter: string | null } | null;

export async function postAnswers(origin: string, s: Survey, submissionId: string): Promise<PostOutcome> {
	try {
		const res = await fetch(`${origin}/s/${s.slug}`, {
			method: 'POST',
			redirect: 'manual',
			body: new URLSearchParams([['versionId', s.versionId], ['submissionId', submissionId], ...s.answers]),
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			signal: AbortSignal.timeout(20_000)
		});
		return { status: res.status, location: res.headers.get('location'), body: await res.text(), retryAfter: res.headers.get('retry-after') };
	} catch {
		return null;
	}
}

/** Runs `post` for every id of `batch`, `atATime` at once. */
export async function sendAll(batch: string[], atATime: number, post: (id: string) => Promise<void>): Promise<void> {
	let i = 0;
	await Promise.all(
		Array.from({ length: atATime }, async () => {
			while (i < batch.length) await post(batch[i++]!);
		})
	);
}

/** Per submission id: how many responses were stored and whether each is completed with every answer. */
export async function storedSubmissions(config: DbConfig, s: Survey): Promise<{ counts: Map<string, number>; whole: boolean }> {
	const db = createDb(config);
	try {
		const rows = await db
			.selectFrom('responses as r')
			.leftJoin('answers as a', 'a.response_id', 'r.id')
			.select(['r.submission_id', 'r.status'])
			.select((eb) => eb.fn.count<string>('a.response_id').as('answers'))
			.where('r.questionnaire_id', '=', s.questionnaireId)
			.groupBy(['r.id', 'r.submission_id', 'r.status'])
			.execute();
		const counts = new Map<string, number>();
		for (const r of rows) counts.set(r.submission_id, (counts.get(r.submission_id) ?? 0) + 1);
		return { counts, whole: rows.every((r) => r.status === 'completed' && Number(r.answers) === s.answers.length) };
	} finally {
		await db.destroy();
	}
}
