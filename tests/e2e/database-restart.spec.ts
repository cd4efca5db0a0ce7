import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { Cluster, freePort, postgresBinDir } from '../pg-cluster';
import { exited, postAnswers, prepareSurvey, sendAll, startBuiltApp, storedSubmissions, waitReady, type PostOutcome } from './respondent-load';

/**
 * PostgreSQL goes away in the middle of a load and comes back: on a throwaway cluster
 * of its own (initdb on a free port), the built app (`node build`, one process, so a
 * crash cannot hide behind a cluster restarting its worker) takes 16 customers' posts at
 * a time; once a third are acknowledged the database is stopped (pg_ctl stop -m fast,
 * which cuts every connection). While it is down the app stays up and answers 503 with a
 * "try again" page in the customer's language and /readyz says not ready; once it is
 * started again the app reconnects by itself, and every post that was not acknowledged
 * is sent again with its submission id: each is stored exactly once.
 */
test.describe.configure({ timeout: 180_000 });

const SUBMISSIONS = 300;
const AT_A_TIME = 16;

test('PostgreSQL restarted under load: the app answers 503 "try again", reconnects by itself and stores every acknowledged submission once', async () => {
	test.skip(!postgresBinDir(), 'no PostgreSQL server programs (initdb, pg_ctl) on this machine: set PG_BINDIR');
	const cluster = await Cluster.create();
	await cluster.start();
	const config = { kind: 'postgres' as const, url: cluster.url };
	const survey = await prepareSurvey(config);
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const app = startBuiltApp(port, { DATABASE_URL: cluster.url });
	try {
		await waitReady(origin, app);
		const ids = Array.from({ length: SUBMISSIONS }, () => randomUUID());
		const acknowledged = new Set<string>();
		const statuses = new Set<number>();
		let outagePage = null as PostOutcome;

		// Every answer is either the thanks page or the 503 "try again" page, never a 500.
		const post = async (id: string, retry: string[]) => {
			const res = await postAnswers(origin, survey, id);
			if (res) statuses.add(res.status);
			if (res?.status === 303) {
				expect(res.location).toBe(`/s/${survey.slug}/thanks`);
				acknowledged.add(id);
				return;
			}
			if (res?.status === 503) outagePage ??= res;
			retry.push(id);
		};

		// Load; the database stops once a third of the posts were acknowledged (cutting the
		// posts in flight), and the posts after that are sent while it is down.
		const unacknowledged: string[] = [];
		let stopping: Promise<void> | undefined;
		await sendAll(ids, AT_A_TIME, async (id) => {
			if (stopping) await stopping;
			await post(id, unacknowledged);
			if (!stopping && acknowledged.size >= SUBMISSIONS / 3) stopping = cluster.stop('fast');
		});
		expect(stopping).toBeDefined();
		await stopping;

		// Down: the process is still there and says so, in the customer's language.
		expect(app.exitCode).toBeNull();
		const ready = await fetch(`${origin}/readyz`);
		expect(ready.status).toBe(503);
		expect(await ready.json()).toEqual({ ready: false, reason: 'database_unreachable' });
		expect((await fetch(`${origin}/healthz`)).status).toBe(200);
		for (const [lang, title] of [
			['zh-CN', '服务暂时不可用，请稍后再试'],
			['en', 'Temporarily unavailable: please try again shortly']
		] as const) {
			const page = await fetch(`${origin}/s/${survey.slug}?lang=${lang}`, { headers: { accept: 'text/html' } });
			expect(page.status).toBe(503);
			expect(page.headers.get('retry-after')).toBe('10');
			const html = await page.text();
			expect(html).toContain(`<html lang="${lang}">`);
			expect(html).toContain(`<h1>${title}</h1>`);
		}
		// The posts that met the outage got the same page (zh-CN, the default), not a 500.
		await postAnswers(origin, survey, randomUUID()).then((res) => {
			expect(res?.status).toBe(503);
			expect(res?.body).toContain('服务暂时不可用');
		});
		// An API client gets a problem it can retry, not a 500.
		const api = await fetch(`${origin}/api/v1/campaigns`, { headers: { authorization: `Bearer hf_${'A'.repeat(43)}`, 'accept-language': 'en' } });
		expect(api.status).toBe(503);
		expect(api.headers.get('retry-after')).toBe('10');
		expect(await api.json()).toMatchObject({ status: 503, type: '/api/v1/docs#problem-database_unavailable' });
		expect(outagePage).not.toBeNull();
		expect(outagePage!.retryAfter).toBe('10');
		expect([...statuses].sort()).toEqual([303, 503]);

		// Back: the same process reconnects without a restart; the customers try again with their ids.
		await cluster.start();
		await waitReady(origin, app);
		let pending = unacknowledged;
		for (let round = 0; pending.length > 0 && round < 5; round++) {
			const again: string[] = [];
			await sendAll(pending, AT_A_TIME, (id) => post(id, again));
			pending = again;
		}
		expect(pending).toEqual([]);
		expect(acknowledged.size).toBe(SUBMISSIONS);
		expect(app.exitCode).toBeNull();

		// It still shuts down cleanly (its pool closes after the reconnection).
		app.kill('SIGTERM');
		expect(await exited(app)).toBe(0);

		const stored = await storedSubmissions(config, survey);
		expect(stored.whole).toBe(true);
		for (const id of ids) expect(stored.counts.get(id), `submission ${id}`).toBe(1);
		// The probe posted while the database was down was refused and stored nothing.
		expect(stored.counts.size).toBe(SUBMISSIONS);
	} finally {
		if (app.exitCode === null && app.signalCode === null) app.kill('SIGKILL');
		await cluster.destroy();
	}
});
