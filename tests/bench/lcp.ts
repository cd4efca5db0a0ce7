/**
 * `npm run bench` (phone network): the respondent page's largest contentful paint in
 * Chromium on a phone profile: 390×844, 4× CPU throttling, Slow 4G (150 ms round trip,
 * 1.6 Mbit/s down, 750 kbit/s up) through the DevTools protocol, cold cache, median of
 * 5 loads; with the page's transfer size and how many requests blocked rendering.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createDb } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { completeSetup } from '../../src/lib/server/users/service';
import { createFromTemplate, publish } from '../../src/lib/server/questionnaires/service';
import { startApp, stopApp } from './app';

const RUNS = 5;
const port = Number(process.env.BENCH_PORT ?? 4374) + 1;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-bench-lcp-'));
const db = createDb({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
await migrateToLatest(db);
const userId = await completeSetup(db, { companyName: '星河汽车', username: 'bench', displayName: 'Bench', password: 'bench password 1', agentCode: null });
const qid = (await createFromTemplate(db, 'car-dealer-aftersales', 'zh-CN', userId))!;
await publish(db, qid, userId);
const { slug } = await db.selectFrom('questionnaires').select('slug').where('id', '=', qid).executeTakeFirstOrThrow();
await db.destroy();

const app = await startApp({ DATA_DIR: dataDir }, port);
const browser = await chromium.launch({
	executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
	args: ['--no-sandbox', '--disable-gpu']
});
try {
	const lcps: number[] = [];
	const bytes: number[] = [];
	const blocking: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		// A new context each time: empty cache, no connection to reuse.
		const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 150,
			downloadThroughput: (1.6 * 1024 * 1024) / 8,
			uploadThroughput: (750 * 1024) / 8
		});
		await page.goto(`http://127.0.0.1:${port}/s/${slug}`, { waitUntil: 'load' });
		const measured = await page.evaluate(
			() =>
				new Promise<{ lcp: number; bytes: number; blocking: number }>((resolve) => {
					new PerformanceObserver((list) => {
						const entries = list.getEntries();
						const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
						const resources = performance.getEntriesByType('resource') as (PerformanceResourceTiming & { renderBlockingStatus?: string })[];
						resolve({
							lcp: entries[entries.length - 1]!.startTime,
							bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
							blocking: resources.filter((r) => r.renderBlockingStatus === 'blocking').length
						});
					}).observe({ type: 'largest-contentful-paint', buffered: true });
				})
		);
		lcps.push(measured.lcp);
		bytes.push(measured.bytes);
		blocking.push(measured.blocking);
		await context.close();
	}
	console.log(
		`respondent page on a phone (390×844, 4× CPU, Slow 4G 150 ms / 1.6 Mbit/s), cold, median of ${RUNS}: ` +
			`LCP ${Math.round(median(lcps))} ms (runs ${lcps.map(Math.round).join(', ')}); ` +
			`${(median(bytes) / 1024).toFixed(1)} KB transferred; ${median(blocking)} render-blocking request(s) after the HTML`
	);
} finally {
	await browser.close();
	await stopApp(app);
	rmSync(dataDir, { recursive: true, force: true });
}
