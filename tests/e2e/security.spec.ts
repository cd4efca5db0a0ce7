import { expect, test, type APIRequestContext } from '@playwright/test';
import fc from 'fast-check';
import { expectNoAxeViolations } from './axe';
import { login, newPage, signInAdmin } from './session';

/**
 * Issue 9 in the browser and over plain HTTP: the holes that live at the edge (redirects,
 * origins, body limits, control characters, cache and nosniff headers) and the account
 * lifecycle an admin runs (an agent disabled while signed in is out on their next click).
 */
test.describe.configure({ mode: 'serial' });

const agent = { username: 'sec4096', password: 'lantern river agent', code: '4096' };

test('hole 2: a signed-in user is never sent off-site by ?next=', async ({ page }) => {
	await signInAdmin(page);
	for (const next of ['/\\evil.example', '/%09/evil.example', '//evil.example', '/%0a/evil.example']) {
		const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
		expect(response.status(), next).toBe(303);
		expect(response.headers().location, next).toBe('/');
	}
	const kept = await page.request.get('/login?next=/calls', { maxRedirects: 0 });
	expect(kept.headers().location).toBe('/calls');
});

test('hole 7: a cross-origin state change is refused whatever its content type', async ({ page, baseURL }) => {
	await signInAdmin(page);
	const target = `/campaigns/${crypto.randomUUID()}/links`;
	const cross = await page.request.post(target, { data: 'reissue=on', headers: { origin: 'https://evil.example', 'content-type': 'application/octet-stream' }, maxRedirects: 0 });
	expect(cross.status()).toBe(403);
	expect(await cross.text()).toContain('该请求来自其他网站，已被拒绝。');
	// The same request from this origin reaches the route (an unknown campaign: 404).
	const same = await page.request.post(target, { data: 'reissue=on', headers: { origin: baseURL!, 'content-type': 'application/octet-stream' }, maxRedirects: 0 });
	expect(same.status()).toBe(404);
});

test('hole 4: respondent pages refuse big bodies before reading them (chunked ones: tests/unit/security.test.ts)', async ({ baseURL }) => {
	const big = 'a='.concat('x'.repeat(2 * 1024 * 1024));
	const declared = await fetch(`${baseURL}/s/anything`, { method: 'POST', body: big, headers: { origin: baseURL!, 'content-type': 'application/x-www-form-urlencoded' } });
	expect(declared.status).toBe(413);
	expect(await declared.text()).toContain('提交的内容超出了本页面允许的大小。');
});

/** Posts a form as a browser without JavaScript would (same origin). */
const postForm = (request: APIRequestContext, baseURL: string, path: string, form: Record<string, string>) =>
	request.post(path, { form, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });

test('hole 5: NUL and other control characters get a 400 in the user’s language, and nothing is written', async ({ page, baseURL }) => {
	await signInAdmin(page);
	const nul = await postForm(page.request, baseURL!, '/admin/users?/create', {
		displayName: '空\u0000字符',
		username: 'nuluser',
		password: 'a fine long password',
		role: 'agent',
		agentCode: '5150',
		locale: 'zh-CN'
	});
	expect(nul.status()).toBe(400);
	expect(await nul.text()).toContain('输入中含有不可见的控制字符');
	const en = await page.request.post('/login?/login&lang=en', { form: { username: 'a\u0000', password: 'b' }, headers: { origin: baseURL! }, maxRedirects: 0 });
	expect(en.status()).toBe(400);
	expect(await en.text()).toContain('invisible control characters');
	// JSON smuggled inside a field (the builder's draft) is looked into too.
	const json = await postForm(page.request, baseURL!, `/questionnaires/${crypto.randomUUID()}?/save`, { title: 't', revision: '1', definition: '{"questions":[{"text":"\\u0000"}]}' });
	expect(json.status()).toBe(400);
	await page.goto('/admin/users');
	await expect(page.getByRole('cell', { name: 'nuluser' })).toHaveCount(0);
});

test('hole 5: arbitrary strings posted to every form never cause a 5xx', async ({ page, baseURL }) => {
	test.setTimeout(180_000);
	await signInAdmin(page);
	const forms: [string, string[]][] = [
		['/admin/users?/create', ['displayName', 'username', 'password', 'role', 'agentCode', 'locale']],
		['/calls?/start', ['questionnaireId', 'customerName', 'customerPhone']],
		['/campaigns/new', ['name', 'questionnaireId', 'channel', 'startsOn', 'endsOn']],
		['/contacts', ['q', 'name', 'phone']],
		['/questionnaires?/blank', ['title']],
		['/account?/password', ['currentPassword', 'newPassword']],
		['/s/nosuchlink', ['versionId', 'submissionId', 'intent', 'q1']],
		['/l/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', ['versionId', 'submissionId', 'intent']]
	];
	const text = fc.string({ unit: 'binary', maxLength: 40 });
	await fc.assert(
		fc.asyncProperty(fc.constantFrom(...forms), fc.array(text, { minLength: 6, maxLength: 6 }), async ([path, fields], values) => {
			const form = Object.fromEntries(fields.map((f, i) => [f, values[i] ?? '']));
			const response = await postForm(page.request, baseURL!, path, form);
			expect(response.status(), `${path} ${JSON.stringify(form)}`).toBeLessThan(500);
		}),
		{ numRuns: 60 }
	);
	// Still signed in: nothing above changed the admin's own password or session.
	await page.goto('/account');
	await expect(page).toHaveURL(/\/account$/);
});

test('holes 10 and 11: no-store on personal and per-view pages, nosniff on static files and assets', async ({ page, baseURL }) => {
	await signInAdmin(page);
	for (const path of ['/questionnaires', '/account', '/s/nosuchlink', '/s/nosuchlink/thanks', '/login']) {
		const response = await page.request.get(path);
		expect(response.headers()['cache-control'], path).toBe('private, no-store');
	}
	await page.goto('/account');
	const asset = await page.locator('link[rel="modulepreload"]').first().getAttribute('href');
	expect(asset).toMatch(/_app\/immutable\//);
	for (const path of [new URL(asset!, `${baseURL}/account`).pathname, '/favicon.svg']) {
		const response = await page.request.get(path);
		expect(response.status(), path).toBe(200);
		expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
	}
});

test('an admin disables a signed-in agent: the agent’s next click lands on the login page', async ({ page, browser }) => {
	test.setTimeout(180_000);
	await signInAdmin(page);
	await page.goto('/admin/users');
	await page.getByLabel('姓名').fill('钱坐席');
	await page.getByLabel('用户名').fill(agent.username);
	// A common password is refused with a reason.
	await page.getByLabel('密码').fill('1234567890');
	await page.getByLabel('角色').selectOption('agent');
	await page.getByLabel('工号', { exact: true }).fill(agent.code);
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByText('该密码属于最常见的密码，请换一个。')).toBeVisible();
	await page.getByLabel('密码').fill(agent.password);
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByRole('cell', { name: agent.username })).toBeVisible();

	const agentPage = await newPage(browser);
	await login(agentPage, agent);
	await expect(agentPage.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '电话回访' })).toBeVisible();

	await page.getByRole('link', { name: agent.username, exact: true }).click();
	await expect(page.getByRole('heading', { name: '钱坐席' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: '停用' }).click();
	await expect(page.getByText(`${agent.username} 已停用，并已在所有设备上退出登录。`)).toBeVisible();

	await agentPage.getByRole('link', { name: '我的账户' }).click();
	await expect(agentPage).toHaveURL(/\/login\?next=%2Faccount$/);
	await login(agentPage, agent, false);
	await expect(agentPage.getByText('用户名或密码不正确。')).toBeVisible();

	// The audit log tells who did it, filtered by what.
	await page.goto('/admin/audit');
	await expectNoAxeViolations(page);
	await page.getByLabel('操作', { exact: true }).selectOption('user_disabled');
	await page.getByRole('button', { name: '应用' }).click();
	await expect(page).toHaveURL(/action=user_disabled/);
	await expect(page.getByRole('cell', { name: '停用用户' })).toBeVisible();
	await agentPage.context().close();
});

test('an admin resets a password; the user must choose a new one; account page in both languages', async ({ page, browser }) => {
	test.setTimeout(180_000);
	await signInAdmin(page);
	await page.goto('/admin/users');
	await page.getByRole('link', { name: agent.username, exact: true }).click();
	await page.getByRole('button', { name: '启用' }).click();
	await expect(page.getByText(`${agent.username} 可以重新登录了。`)).toBeVisible();
	await page.getByLabel('您自己的密码（确认身份）').fill('not my password');
	await page.getByRole('button', { name: '重置密码' }).click();
	await expect(page.getByText('密码不正确。')).toBeVisible();
	await page.getByLabel('您自己的密码（确认身份）').fill('correct horse battery');
	await page.getByRole('button', { name: '重置密码' }).click();
	const notice = await page.getByText(/的临时密码：/).textContent();
	const temporary = /临时密码：([a-z2-9]{16})/.exec(notice ?? '')![1]!;

	const agentPage = await newPage(browser);
	await login(agentPage, { username: agent.username, password: temporary });
	await expect(agentPage).toHaveURL(/\/account$/);
	await expect(agentPage.getByText('管理员已重置您的密码。请设置新密码后继续。')).toBeVisible();
	await expectNoAxeViolations(agentPage);
	await agentPage.goto('/calls');
	await expect(agentPage).toHaveURL(/\/account$/);
	await agentPage.getByLabel('当前密码').fill(temporary);
	await agentPage.getByLabel('新密码').fill('evening tide agent');
	await agentPage.getByRole('button', { name: '修改密码' }).click();
	await expect(agentPage.getByText('密码已修改，您的其他会话已退出登录。')).toBeVisible();
	await agentPage.goto('/calls');
	await expect(agentPage).toHaveURL(/\/calls$/);

	await agentPage.goto('/account?lang=en');
	await expect(agentPage.getByRole('heading', { name: 'My account' })).toBeVisible();
	await expect(agentPage.getByText('This session')).toBeVisible();
	await expectNoAxeViolations(agentPage);
	await agentPage.getByRole('button', { name: 'Sign out everywhere' }).click();
	await expect(agentPage).toHaveURL(/\/login$/);
	await agentPage.context().close();

	await page.goto('/admin/audit?lang=en');
	await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Password reset' }).first()).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/?lang=zh-CN');
});
