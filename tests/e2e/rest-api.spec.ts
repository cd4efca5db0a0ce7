import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { newPage, PHONE_WITHOUT_JS, signInAdmin } from './session';

/**
 * An admin creates an API token in the browser; a CRM client then upserts contacts
 * and reads the responses through /api/v1 with it, until the admin revokes it.
 * Runs alone too (it signs in or sets up the administrator itself).
 */
// Each test signs in and runs axe several times: generous on a loaded CI machine.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const title = 'API 对接回访';
let token = '';
let publicLink = '';

test('an admin creates a token in the browser; it is shown once', async ({ page }) => {
	await signInAdmin(page);
	await page.getByRole('link', { name: 'API 与 Webhook' }).click();
	await expect(page.getByRole('heading', { name: 'API 令牌' })).toBeVisible();

	// A token that may do nothing is refused with the reason.
	await page.getByLabel('名称').fill('CRM 同步');
	await page.getByRole('button', { name: '创建令牌' }).click();
	await expect(page.getByText('请至少允许一个范围')).toBeVisible();

	await page.getByLabel('客户', { exact: true }).selectOption('write');
	await page.getByLabel('答卷').selectOption('read');
	await page.getByLabel('跟进案件', { exact: true }).selectOption('write');
	await page.getByLabel('每分钟请求数').fill('120');
	await page.getByRole('button', { name: '创建令牌' }).click();
	await expect(page.getByText('令牌“CRM 同步”已创建')).toBeVisible();
	token = await page.getByLabel('令牌', { exact: true }).inputValue();
	expect(token).toMatch(/^hf_[A-Za-z0-9_-]{43}$/);
	const row = page.getByRole('row', { name: /CRM 同步/ });
	await expect(row).toContainText('客户 · 读写');
	await expect(row).toContainText('答卷 · 只读');
	await expect(row).toContainText('跟进案件 · 读写');
	await expect(row).toContainText('从未');
	await expectNoAxeViolations(page);

	// Reloaded, the page never shows the token again.
	await page.goto('/admin/api');
	await expect(page.getByLabel('令牌', { exact: true })).toHaveCount(0);
	expect(await page.content()).not.toContain(token);

	await page.goto('/admin/api?lang=en');
	await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
	await expect(page.getByRole('row', { name: /CRM 同步/ })).toContainText('Contacts · read and write');
	await expectNoAxeViolations(page);
});

test('the webhooks page reads well in both languages', async ({ page }) => {
	await signInAdmin(page);
	await page.goto('/admin/webhooks?lang=en');
	await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/admin/webhooks?lang=zh-CN');
	await expect(page.getByRole('heading', { name: 'Webhook', exact: true })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('a customer answers a published questionnaire', async ({ page, browser }) => {
	await signInAdmin(page);
	await page.goto('/questionnaires');
	await page.getByRole('button', { name: '用模板创建：汽车4S店售后服务回访' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('问卷标题').fill(title);
	await page.getByRole('button', { name: '保存并发布' }).click();
	// Publishing saves the draft first; on a busy machine that takes longer than the default wait.
	await expect(page.getByText('已发布第 1 版')).toBeVisible({ timeout: 30_000 });
	publicLink = (await page.getByTestId('public-link').textContent()) ?? '';

	const customer = await newPage(browser, PHONE_WITHOUT_JS);
	await customer.goto(publicLink);
	for (const [question, answer] of [
		[/服务顾问|接待/, '是'],
		[/维修前是否向您说明/, '否'],
		[/一次修复/, '是'],
		[/约定的时间交车/, '是'],
		[/配件是否有现货/, '是'],
		[/服务人员的态度/, '是']
	] as const) {
		await customer.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check();
	}
	await customer.getByRole('group', { name: /满意程度/ }).getByLabel('4', { exact: true }).check();
	await customer.getByRole('group', { name: /推荐/ }).getByLabel('9', { exact: true }).check();
	await customer.getByRole('button', { name: '提交' }).click();
	await expect(customer.getByRole('heading', { name: '提交成功' })).toBeVisible();
	await customer.context().close();
});

test('a client upserts contacts, reads responses and comments on a case through the API with the token', async ({ playwright, baseURL }) => {
	const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });

	const upsert = await api.post('/api/v1/contacts', {
		headers: { 'idempotency-key': 'crm-batch-1' },
		data: {
			contacts: [
				{ name: '冯一', phone: '13811110001', externalId: 'API-1', tier: 'A', eventDate: '2026-11-20' },
				{ name: '陈二', externalId: 'API-2', email: 'chen@example.com' },
				{ name: '错号', phone: '999' }
			]
		}
	});
	expect(upsert.status()).toBe(200);
	const result = await upsert.json();
	expect(result).toMatchObject({ created: 2, merged: 0 });
	expect(result.rejected).toEqual([{ index: 2, reason: 'contacts_reject_phone', message: 'Invalid phone number', value: '999' }]);
	const replay = await api.post('/api/v1/contacts', { headers: { 'idempotency-key': 'crm-batch-1' }, data: { contacts: [{ name: '冯一', phone: '13811110001', externalId: 'API-1', tier: 'A', eventDate: '2026-11-20' }, { name: '陈二', externalId: 'API-2', email: 'chen@example.com' }, { name: '错号', phone: '999' }] } });
	expect(replay.headers()['idempotent-replayed']).toBe('true');
	expect(await replay.json()).toEqual(result);

	// The token may read responses but not campaigns.
	const forbidden = await api.get('/api/v1/campaigns');
	expect(forbidden.status()).toBe(403);
	expect(forbidden.headers()['content-type']).toBe('application/problem+json');

	const page1 = await api.get('/api/v1/responses?limit=50&locale=en&since=2020-01-01T00:00:00Z');
	expect(page1.status()).toBe(200);
	const body = await page1.json();
	const mine = body.data.find((r: { questionnaireTitle: string }) => r.questionnaireTitle === title);
	expect(mine).toMatchObject({ channel: 'web', status: 'completed', version: 1 });
	const charges = mine.answers.find((a: { question: string }) => /charges/i.test(a.question));
	expect(charges).toMatchObject({ kind: 'key', yesNo: false, label: 'No', cause: 'price' });

	// That "no" opened a case: the CRM finds it and notes its call on the timeline, once.
	const cases = await api.get('/api/v1/cases?cause=price&state=open&limit=200');
	expect(cases.status()).toBe(200);
	const opened = (await cases.json()).data.find((c: { responseId: string }) => c.responseId === mine.id);
	expect(opened).toMatchObject({ state: 'open', cause: 'price', questionnaire: { title } });
	const note = { text: 'CRM: the customer called about the charges' };
	const comment = await api.post(`/api/v1/cases/${opened.id}/comments`, { headers: { 'idempotency-key': `note-${opened.id}` }, data: note });
	expect(comment.status()).toBe(201);
	const again = await api.post(`/api/v1/cases/${opened.id}/comments`, { headers: { 'idempotency-key': `note-${opened.id}` }, data: note });
	expect(again.headers()['idempotent-replayed']).toBe('true');
	const detail = await (await api.get(`/api/v1/cases/${opened.id}?locale=en`)).json();
	expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'comment')).toMatchObject([{ body: note.text, user: { name: expect.any(String) } }]);
	expect(detail.items[0]).toMatchObject({ questionId: 'charges_explained', cause: 'price' });
	await api.dispose();

	// The browser's session cookie is no key to the API.
	const anonymous = await playwright.request.newContext({ baseURL });
	expect((await anonymous.get('/api/v1/responses')).status()).toBe(401);
	await anonymous.dispose();
});

test('the admin sees the last use, revokes the token, and the API refuses it', async ({ page, playwright, baseURL }) => {
	await signInAdmin(page);
	// Signed in, the API still wants the token.
	expect((await page.request.get('/api/v1/responses')).status()).toBe(401);
	await page.goto('/admin/api');
	const row = page.getByRole('row', { name: /CRM 同步/ });
	await expect(row).not.toContainText('从未');
	await row.getByRole('button', { name: '吊销令牌 CRM 同步' }).click();
	await expect(page.getByText('令牌已吊销')).toBeVisible();
	await expect(row).toContainText('已吊销');
	const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
	expect((await api.get('/api/v1/responses')).status()).toBe(401);
	await api.dispose();
});

test('the API reference is readable, in both languages, and ships no JavaScript', async ({ page }) => {
	// axe over every table of a long page takes a while on a busy machine.
	test.setTimeout(240_000);
	await page.goto('/api/v1/docs');
	await expect(page.locator('script')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: '回访 REST API 参考' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'POST /api/v1/contacts' })).toBeVisible();
	await page.getByRole('link', { name: 'ContactUpsertRequest' }).first().click();
	await expect(page.getByRole('heading', { name: 'ContactUpsertRequest' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/api/v1/docs?lang=en');
	await expect(page.getByRole('heading', { name: 'Huifang REST API reference' })).toBeVisible();
	await expectNoAxeViolations(page);
	const unknown = await page.request.get('/api/v1/nothing-here');
	expect(unknown.status()).toBe(404);
	expect(unknown.headers()['content-type']).toBe('application/problem+json');
	const document = await page.request.get('/api/v1/openapi.json');
	expect((await document.json()).openapi).toBe('3.1.0');
});
