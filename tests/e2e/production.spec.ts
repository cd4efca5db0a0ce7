import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { newPage, PHONE_WITHOUT_JS, signInAdmin } from './session';

// The customer's phone; scripts on only so axe can run (the respondent pages ship none).
const PHONE = { ...PHONE_WITHOUT_JS, javaScriptEnabled: true };

/**
 * The newcomer's first minutes and the operator's endpoints: publishing confirms where
 * the analyst is looking (focus, copy, QR code), NPS 0–10 fits one row on a phone,
 * a wrong survey link gets a customer's page with a language switch, typed text
 * survives hydration, and /healthz, /readyz, /metrics and compressed pages answer.
 */
// The builder page is large: axe on it takes a while on a busy machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let publicLink = '';

test('publishing at the bottom of a long questionnaire confirms right there, with copy and QR code', async ({ browser }) => {
	const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
	await signInAdmin(page);
	await page.goto('/questionnaires', { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: '用模板创建：汽车4S店售后服务回访' }).click();
	await expect(page.getByRole('heading', { name: '汽车4S店售后服务回访' })).toBeVisible();
	await page.getByLabel('问卷标题').fill('生产就绪 · 保养回访');
	const publishButton = page.getByRole('button', { name: '保存并发布' });
	await publishButton.scrollIntoViewIfNeeded();
	await publishButton.click();

	const confirmation = page.getByRole('heading', { name: '已发布：客户现在即可作答' });
	await expect(confirmation).toBeFocused();
	await expect(confirmation).toBeInViewport();
	await expect(page.getByText('已发布第 1 版')).toBeVisible();
	publicLink = (await page.getByTestId('published-link').textContent()) ?? '';
	expect(publicLink).toMatch(/\/s\/[a-z0-9]+$/);
	await expect(page.getByRole('img', { name: `链接 ${publicLink} 的二维码` }).last()).toBeVisible();
	await page.getByRole('button', { name: '复制链接' }).click();
	await expect(page.getByText('链接已复制。')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(publicLink);
	await expectNoAxeViolations(page);

	// The builder's text areas are as tall as their text: a long prepared response shows whole.
	const prepared = page.getByLabel('问题 1 · 客户答“否”时的应对话术 (中文)');
	const before = (await prepared.boundingBox())!.height;
	await prepared.fill('非常抱歉让您久等了。'.repeat(30));
	expect((await prepared.boundingBox())!.height).toBeGreaterThan(before * 2);
	await page.context().close();
});

test('on a phone the 0–10 scale is one row, and the page is one compressed request with its CSS inline', async ({ browser, request }) => {
	const page = await newPage(browser, PHONE);
	await page.goto(publicLink);
	const nps = page.getByRole('group', { name: /推荐/ });
	const tops = await nps.locator('label.option').evaluateAll((labels) => labels.map((l) => Math.round(l.getBoundingClientRect().top)));
	expect(tops).toHaveLength(11);
	expect(new Set(tops).size).toBe(1);
	await expectNoAxeViolations(page);
	await page.context().close();

	const res = await request.get(publicLink, { headers: { 'accept-encoding': 'br, gzip' } });
	expect(res.headers()['content-encoding']).toBe('br');
	const html = await res.text();
	// SvelteKit keeps the inlined sheets as disabled links (for later client navigation): they block nothing.
	expect(html).not.toMatch(/<link(?![^>]*\bdisabled\b)[^>]*rel="stylesheet"/);
	expect(html).toMatch(/<style/);
});

test('a customer with a wrong link gets a page of their own, in their language', async ({ browser }) => {
	const page = await newPage(browser, PHONE);
	const res = await page.goto('/s/nosuchsurvey2026');
	expect(res?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: '此链接打不开问卷' })).toBeVisible();
	await expect(page.locator('a[href^="/login"], a[href="/"]')).toHaveCount(0);
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('heading', { name: 'This link does not open a survey' })).toBeVisible();
	await page.goto('/l/too-short?lang=zh-CN');
	await expect(page.getByRole('heading', { name: '此链接打不开问卷' })).toBeVisible();
	await page.context().close();
});

test('text typed before the page hydrated is still there after it', async ({ browser }) => {
	const page = await newPage(browser);
	// Hold the app's JavaScript back until the user has typed, as a slow phone would.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('用户名').fill('typed-before-hydration');
	await page.getByLabel('密码').fill('secret typed early');
	release();
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect(page.getByLabel('用户名')).toHaveValue('typed-before-hydration');
	await expect(page.getByLabel('密码')).toHaveValue('secret typed early');
	await page.context().close();
});

test('text typed while the page is hydrating is still there after it', async ({ browser }) => {
	const page = await newPage(browser);
	// The app has started (its init hook ran) and fetches the page's own modules: type now.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	let requested!: () => void;
	const hydrating = new Promise<void>((resolve) => (requested = resolve));
	await page.route('**/_app/immutable/nodes/**', async (route) => {
		requested();
		await held;
		await route.continue();
	});
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await hydrating;
	await page.getByLabel('用户名').fill('typed-while-hydrating');
	await page.getByLabel('密码').fill('secret typed meanwhile');
	release();
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect(page.getByLabel('用户名')).toHaveValue('typed-while-hydrating');
	await expect(page.getByLabel('密码')).toHaveValue('secret typed meanwhile');
	await page.context().close();
});

test('health, readiness and metrics answer the operator', async ({ request }) => {
	expect((await request.get('/healthz')).status()).toBe(200);
	const ready = await request.get('/readyz');
	expect(ready.status()).toBe(200);
	expect(await ready.json()).toEqual({ ready: true });
	// The test runner is on the same machine (loopback): allowed without a token.
	const metrics = await request.get('/metrics');
	expect(metrics.status()).toBe(200);
	const text = await metrics.text();
	expect(text).toContain('huifang_http_request_duration_seconds_bucket');
	expect(text).toContain('huifang_call_queue_depth');
	expect((await request.get('/healthz')).headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});
