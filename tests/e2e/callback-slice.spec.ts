import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { admin, login, newPage, PHONE_WITHOUT_JS } from './session';

/**
 * One thin slice through every user, in order, on a freshly started app:
 * setup → analyst publishes from the 4S template → customer answers the link on a
 * phone without JavaScript → agent calls by keyboard only → analytics shows both.
 */
test.describe.configure({ mode: 'serial' });

const agent = { username: 'agent1024', password: 'agent password 1', code: '1024' };
let publicLink = '';
let questionnaireUrl = '';

/** Saves the builder's draft now and waits until the page says so. */
async function saveDraftNow(page: Page) {
	const saved = page.waitForResponse((r) => r.url().includes('?/save') && r.request().method() === 'POST');
	await page.getByRole('button', { name: '保存草稿' }).click();
	await saved;
	await expect(page.getByRole('status').filter({ hasText: '所有修改已保存' })).toBeVisible();
}

test('first run: setup creates the admin, then disappears', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/setup$/);
	await expectNoAxeViolations(page);

	await page.getByLabel('公司名称（坐席开场白中使用）').fill('星河汽车');
	await page.getByLabel('姓名').fill('王经理');
	await page.getByLabel('用户名').fill('Not Valid!');
	await page.getByLabel('密码').fill(admin.password);
	await page.getByRole('button', { name: '创建管理员并登录' }).click();
	await expect(page.getByText('用户名须为 2–40 个小写字母、数字或 . _ -。')).toBeVisible();
	await expect(page.getByLabel('公司名称（坐席开场白中使用）')).toHaveValue('星河汽车');

	await page.getByLabel('用户名').fill(admin.username);
	await page.getByLabel('密码').fill(admin.password);
	await page.getByRole('button', { name: '创建管理员并登录' }).click();
	await expect(page).toHaveURL(/\/questionnaires$/);
	await expectNoAxeViolations(page);

	const again = await page.request.get('/setup');
	expect(again.status()).toBe(404);
});

test('login refuses a wrong password with a generic message', async ({ page }) => {
	await login(page, { username: admin.username, password: 'wrong password!' }, false);
	await expect(page.getByText('用户名或密码不正确。')).toBeVisible();
	await expectNoAxeViolations(page);
});

test('admin creates an agent with an agent code', async ({ page }) => {
	await login(page, admin);
	await page.goto('/admin/users');
	await page.getByLabel('姓名').fill('李坐席');
	await page.getByLabel('用户名').fill(agent.username);
	await page.getByLabel('密码').fill(agent.password);
	await page.getByLabel('角色').selectOption('agent');
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByText('坐席必须填写工号。')).toBeVisible();
	await page.getByLabel('密码').fill(agent.password);
	await page.getByLabel('工号', { exact: true }).fill(agent.code);
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByRole('cell', { name: agent.username })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('analyst creates from the 4S template, edits and publishes', async ({ page }) => {
	await login(page, admin);
	await page.getByRole('button', { name: '用模板创建：汽车4S店售后服务回访' }).click();
	await expect(page.getByRole('heading', { name: '汽车4S店售后服务回访' })).toBeVisible();
	questionnaireUrl = new URL(page.url()).pathname;
	await expectNoAxeViolations(page);

	await page.getByLabel('问卷标题').fill('4S 店保养回访');
	await page.getByLabel('问题 1 · 题目 (中文)').fill('到店后，服务顾问是否马上接待了您？');
	await page.getByRole('button', { name: '保存并发布' }).click();
	await expect(page.getByText('已发布第 1 版')).toBeVisible();
	publicLink = (await page.getByTestId('public-link').textContent()) ?? '';
	expect(publicLink).toMatch(/\/s\/[a-z0-9]+$/);

	// Later edits go to the draft: the published link keeps version 1's wording.
	await page.getByLabel('问题 1 · 题目 (中文)').fill('草稿里的新问法');
	await saveDraftNow(page);
	const published = await page.request.get(publicLink);
	expect(await published.text()).toContain('到店后，服务顾问是否马上接待了您？');
	expect(await published.text()).not.toContain('草稿里的新问法');
});

/** What the page's form would post now: its hidden fields, checked choices and texts. */
async function formFields(page: Page): Promise<URLSearchParams> {
	const fields = new URLSearchParams();
	for (const input of await page.locator('form input[name], form textarea[name]').all()) {
		const type = await input.getAttribute('type');
		if ((type === 'radio' || type === 'checkbox') && !(await input.isChecked())) continue;
		fields.append((await input.getAttribute('name'))!, await input.inputValue());
	}
	return fields;
}

test('customer answers the link on a phone with JavaScript off, once', async ({ browser }) => {
	const page = await newPage(browser, PHONE_WITHOUT_JS);
	await page.goto(publicLink);
	await expect(page.getByRole('heading', { name: '4S 店保养回访' })).toBeVisible();
	// Piping: the company name is filled in; no placeholder reaches the customer.
	await expect(page.getByText('感谢您近期到星河汽车保养维修。')).toBeVisible();
	await expect(page.locator('main')).not.toContainText('{');

	// Missing required answers: errors beside the questions, the given answers kept.
	const q1 = page.getByRole('group', { name: /到店后，服务顾问是否马上接待了您/ });
	await q1.getByLabel('是').check();
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByText('请检查下方标出的问题。')).toBeVisible();
	await expect(page.getByRole('group', { name: /维修前是否向您说明/ }).getByText('此项为必填。')).toBeVisible();
	await expect(page.getByRole('group', { name: /到店后，服务顾问是否马上接待了您/ }).getByLabel('是')).toBeChecked();

	await page.getByRole('group', { name: /维修前是否向您说明/ }).getByLabel('否').check();
	await page.getByRole('group', { name: /一次修复/ }).getByLabel('是').check();
	await page.getByRole('group', { name: /约定的时间交车/ }).getByLabel('是').check();
	await page.getByRole('group', { name: /配件是否有现货/ }).getByLabel('否').check();
	await page.getByRole('group', { name: /服务人员的态度/ }).getByLabel('是').check();
	await page.getByRole('group', { name: /满意程度/ }).getByLabel('4', { exact: true }).check();
	await page.getByRole('group', { name: /推荐/ }).getByLabel('9', { exact: true }).check();
	const filled = await formFields(page);
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByRole('heading', { name: '提交成功' })).toBeVisible();

	// The same page submitted again (a double tap, a resubmission): still one response
	// (checked in analytics). The page itself is no-store, so a browser's "back" fetches a
	// fresh one; the repeat is posted as the browser would resend it.
	const again = await page.request.post(publicLink, {
		data: filled.toString(),
		headers: { origin: new URL(page.url()).origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
	});
	expect(again.status()).toBe(200);
	expect(await again.text()).toContain('提交成功');

	const missing = await page.request.get('/s/doesnotexist');
	expect(missing.status()).toBe(404);
	await page.context().close();
});

test('survey pages pass axe on a phone: form, errors, thanks', async ({ browser }) => {
	// axe needs JavaScript to run; the pages are server-rendered without any, so the markup is the same.
	const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	await page.goto(publicLink);
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByText('请检查下方标出的问题。')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto(`${publicLink}/thanks`);
	await expectNoAxeViolations(page);
	await page.context().close();
});

test('forged and malformed link posts are refused, clearly and without a trace', async ({ page, baseURL }) => {
	await page.goto(publicLink);
	const versionId = await page.locator('input[name="versionId"]').inputValue();
	const post = (form: Record<string, string>) =>
		page.request.post(publicLink, { form, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	const valid: Record<string, string> = {
		versionId,
		submissionId: crypto.randomUUID(),
		q_received_promptly: 'yes',
		q_charges_explained: 'yes',
		q_fixed_first_time: 'yes',
		q_delivered_on_time: 'yes',
		q_parts_in_stock: 'yes',
		q_staff_courteous: 'yes',
		q_overall_satisfaction: '5'
	};
	const cases: [string, Record<string, string>, string][] = [
		['an answer to a question the version lacks', { ...valid, q_injected: 'yes' }, '提交的回答与问卷不符'],
		['a value of the wrong type', { ...valid, q_overall_satisfaction: 'five' }, '输入无效'],
		['a huge comment', { ...valid, q_comment: '长'.repeat(5000) }, '内容太长'],
		['no version id', { ...valid, versionId: '' }, '输入无效'],
		['a forged version id', { ...valid, versionId: crypto.randomUUID() }, '输入无效']
	];
	for (const [what, form, message] of cases) {
		const response = await post(form);
		expect(response.status(), what).toBe(400);
		const body = await response.text();
		expect(body, what).toContain(message);
		expect(body, what).not.toMatch(/at \S+ \(|node_modules|Error:/);
	}
	const crossSite = await page.request.post(publicLink, { form: valid, headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
	expect(crossSite.status()).toBe(403);
});

test('agent runs the phone script from the keyboard, and a reload resumes it', async ({ browser }) => {
	const page = await newPage(browser);
	await login(page, agent);
	await expect(page).toHaveURL(/\/calls$/);
	await expectNoAxeViolations(page);

	await page.getByLabel('客户称呼').focus();
	await page.keyboard.type('张先生');
	await page.keyboard.press('Tab');
	await page.keyboard.type('138 0013 8000');
	await page.keyboard.press('Enter');
	await expect(page.getByText('张先生您好！我是星河汽车客户代表 1024 号。')).toBeVisible();
	const script = page.locator('.script[data-ready="true"]');
	await expect(script).toBeVisible();
	await expectNoAxeViolations(page);

	const progress = (n: number) => page.getByText(`第 ${n} / 9 题`);
	await page.keyboard.press('y');
	await expect(progress(1)).toBeVisible();
	await page.keyboard.press('n');
	await expect(page.getByText('应对话术（请念给客户听）')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.keyboard.press('Enter');
	await expect(progress(2)).toBeVisible();
	await page.keyboard.press('y');
	await expect(progress(3)).toBeVisible();

	// A reload lands on the same question; the answers given so far are kept.
	await page.reload();
	await expect(progress(3)).toBeVisible();
	await expect(script).toBeVisible();
	await page.keyboard.press('ArrowLeft');
	await expect(progress(2)).toBeVisible();
	await expect(page.getByText('已记录的回答：是')).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(progress(3)).toBeVisible();

	for (const [key, next] of [['y', 4], ['y', 5], ['y', 6]] as const) {
		await page.keyboard.press(key);
		await expect(progress(next)).toBeVisible();
	}
	await page.keyboard.press('y');
	await expect(progress(7)).toBeVisible();
	await page.keyboard.press('5');
	await expect(progress(8)).toBeVisible();
	await page.keyboard.press('1');
	await page.keyboard.press('0');
	await expect(page.getByText('已输入：10')).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(progress(9)).toBeVisible();
	await page.keyboard.type('师傅很专业');
	await page.keyboard.press('Enter');

	await expect(page.getByRole('heading', { name: '回顾与结束' })).toBeVisible();
	await expect(page.getByRole('radio', { name: /完成/ }).first()).toBeChecked();
	await expectNoAxeViolations(page);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: '通话已保存' })).toBeVisible();
	await page.context().close();
});

test('agent records a call that could not be made, without answers', async ({ browser }) => {
	const page = await newPage(browser);
	await login(page, agent);
	await page.getByLabel('客户称呼').fill('赵女士');
	await page.getByLabel('电话号码').fill('139 0000 0000');
	await page.getByRole('button', { name: '开始通话脚本' }).click();
	await expect(page.locator('.script[data-ready="true"]')).toBeVisible();
	await page.keyboard.press('n');
	await expect(page.getByRole('radio', { name: /预约回拨/ })).toBeChecked();
	await page.getByLabel(/^备注/).fill('明天下午三点后');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: '通话已保存' })).toBeVisible();
	await expect(page.getByText('明天下午三点后')).toBeVisible();
	await page.context().close();
});

test('analytics shows both responses with the right yes-rates', async ({ page }) => {
	await login(page, admin);
	await page.goto(`${questionnaireUrl}/analytics`);
	await expect(page.getByTestId('count-web')).toHaveText('1');
	await expect(page.getByTestId('count-phone')).toHaveText('1');
	// Link yes, phone no.
	await expect(page.getByTestId('rate-received_promptly')).toHaveText('50%');
	// Link no, phone yes.
	await expect(page.getByTestId('rate-charges_explained')).toHaveText('50%');
	// Both yes.
	await expect(page.getByTestId('rate-fixed_first_time')).toHaveText('100%');
	// Link no, phone yes.
	await expect(page.getByTestId('rate-parts_in_stock')).toHaveText('50%');
	// Three "no" answers: service (phone Q1), price (link Q2), supply (link Q5).
	for (const cause of ['service', 'price', 'supply']) {
		await expect(page.getByTestId(`churn-${cause}`).getByRole('cell').nth(1)).toHaveText('1');
		await expect(page.getByTestId(`churn-${cause}`).getByRole('cell').nth(2)).toHaveText('33%');
	}
	await expect(page.getByTestId('churn-quality').getByRole('cell').nth(2)).toHaveText('0%');
	await expect(page.locator('canvas')).toHaveCount(5);
	await expectNoAxeViolations(page);
});

test('the template gallery filters by industry and previews before creating', async ({ page }) => {
	await login(page, admin);
	await expect(page.getByRole('button', { name: /^用模板创建：/ })).toHaveCount(15);
	await page.getByLabel('按行业筛选模板').selectOption({ label: '保险' });
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page.getByRole('button', { name: /^用模板创建：/ })).toHaveCount(1);
	await page.getByRole('link', { name: '预览：保险新契约回访' }).click();
	await expect(page.getByRole('heading', { name: '保险新契约回访' })).toBeVisible();
	await expect(page.getByText('您是否知道本保单有犹豫期，期内退保可全额退费？')).toBeVisible();
	await expect(page.getByText(/犹豫期从您签收保单之日起计算/)).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: '用此模板创建问卷' }).click();
	await expect(page.getByLabel('问卷标题')).toHaveValue('保险新契约回访');
});

test('a questionnaire exports as JSON and imports back; a bad file is reported, not saved', async ({ page }) => {
	await login(page, admin);
	await page.goto(questionnaireUrl);
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: '导出 JSON（草稿）' }).click();
	const file = await (await downloading).path();
	const exported = JSON.parse(readFileSync(file, 'utf8'));
	expect(exported.format).toBe('huifang.questionnaire/1');

	await page.goto('/questionnaires');
	const before = await page.getByRole('row').count();
	exported.definition.questions[0].text['zh-CN'] = '<script>alert(1)</script>';
	exported.definition.questions[1].color = 'red';
	await page.getByLabel('问卷文件（JSON）').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
	await page.getByRole('button', { name: '导入' }).click();
	const report = page.getByRole('alert');
	await expect(report.getByText('文件未导入，没有保存任何内容。请修正以下问题：')).toBeVisible();
	await expect(report.getByText('definition.questions.0.text.zh-CN')).toBeVisible();
	await expect(report.getByText('文字中不允许包含脚本标签。')).toBeVisible();
	await expect(report.getByText('definition.questions.1.color')).toBeVisible();
	await expectNoAxeViolations(page);
	expect(await page.getByRole('row').count()).toBe(before);

	await page.getByLabel('问卷文件（JSON）').setInputFiles(file);
	await page.getByRole('button', { name: '导入' }).click();
	await expect(page.getByLabel('问卷标题')).toHaveValue('4S 店保养回访');
	await expect(page.getByLabel('问题 1 · 题目 (中文)')).toHaveValue('草稿里的新问法');
	await expect(page.getByText('尚未发布')).toBeVisible();
});

test('two analysts on one draft: the later save is refused with what differs, never lost', async ({ browser, page }) => {
	await login(page, admin);
	await page.goto('/questionnaires');
	await page.getByRole('button', { name: '用模板创建：银行网点服务回访' }).click();
	await expect(page.getByLabel('问卷标题')).toHaveValue('银行网点服务回访');
	const draftUrl = page.url();
	const other = await newPage(browser);
	await login(other, admin);
	await other.goto(draftUrl);

	await page.getByLabel('问题 1 · 题目 (中文)').fill('甲改的问题一');
	await saveDraftNow(page);

	await other.getByLabel('问题 2 · 题目 (中文)').fill('乙改的问题二');
	await other.getByRole('button', { name: '保存草稿' }).click();
	const alert = other.getByRole('alert');
	await expect(alert.getByText('其他人刚刚保存过此草稿，您的修改尚未保存。')).toBeVisible();
	await expect(alert.getByText('1. 甲改的问题一')).toBeVisible();
	await expect(alert.getByText('2. 您的业务是否一次办结，无需再次跑网点？')).toBeVisible();
	await expect(other.getByLabel('问题 2 · 题目 (中文)')).toHaveValue('乙改的问题二');
	await expectNoAxeViolations(other);

	// Nothing is saved behind the analyst's back while the conflict stands, not even by autosave.
	await other.waitForTimeout(2000);
	await page.reload();
	await expect(page.getByLabel('问题 2 · 题目 (中文)')).not.toHaveValue('乙改的问题二');
	await expect(page.getByLabel('问题 1 · 题目 (中文)')).toHaveValue('甲改的问题一');

	// Saving again is a conscious choice, on the revision just shown.
	await other.getByRole('button', { name: '保留我的版本（覆盖对方的修改）' }).click();
	await expect(other.getByRole('status').filter({ hasText: '所有修改已保存' })).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('问题 2 · 题目 (中文)')).toHaveValue('乙改的问题二');
	await other.context().close();

	// The version history says what each publish changed.
	await page.getByRole('button', { name: '保存并发布' }).click();
	await expect(page.getByText('已发布第 1 版')).toBeVisible();
	await page.getByLabel('问题 3 · 题目 (中文)').fill('第二版的问题三');
	await saveDraftNow(page);
	await expect(page.getByRole('region', { name: '尚未发布的修改' }).getByText('3. 第二版的问题三')).toBeVisible();
	await page.getByRole('button', { name: '保存并发布' }).click();
	await expect(page.getByText('已发布第 2 版')).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: '第 2 版' }).getByText('3. 第二版的问题三')).toBeVisible();
});

test('the list finds by title, industry and status; a questionnaire can be duplicated and archived', async ({ page }) => {
	await login(page, admin);
	const list = page.getByRole('search', { name: '查找问卷' });
	const rows = page.getByRole('table');
	await list.getByLabel('搜索标题').fill('银行');
	await list.getByRole('button', { name: '查找' }).click();
	await expect(rows.getByRole('link', { name: '银行网点服务回访', exact: true })).toBeVisible();
	await expect(rows.getByRole('link', { name: '4S 店保养回访', exact: true })).toHaveCount(0);

	await rows.getByRole('link', { name: '银行网点服务回访', exact: true }).click();
	await page.getByRole('button', { name: '复制为新问卷' }).click();
	await expect(page.getByLabel('问卷标题')).toHaveValue('银行网点服务回访（副本）');
	await page.getByRole('button', { name: '归档' }).click();
	await expect(page.getByRole('button', { name: '取消归档' })).toBeVisible();
	await expect(page.getByText('已归档')).toBeVisible();

	await page.goto('/questionnaires?q=副本');
	await expect(page.getByText('没有符合条件的问卷。')).toBeVisible();
	await page.goto('/questionnaires?q=副本&status=archived');
	await expect(rows.getByRole('link', { name: '银行网点服务回访（副本）', exact: true })).toBeVisible();
	await page.goto('/questionnaires?industry=car_dealer&status=open');
	await expect(rows.getByRole('link', { name: '4S 店保养回访', exact: true })).toBeVisible();
	await expect(rows.getByRole('link', { name: '银行网点服务回访', exact: true })).toHaveCount(0);
	await expectNoAxeViolations(page);
});

test('a closed link shows its own page, and reopens', async ({ page }) => {
	await login(page, admin);
	await page.goto(questionnaireUrl);
	await page.getByRole('button', { name: '关闭链接' }).click();
	await expect(page.getByRole('button', { name: '重新开放链接' })).toBeVisible();
	const customer = await newPage(page.context().browser()!, { javaScriptEnabled: false });
	await customer.goto(publicLink);
	await expect(customer.getByText('此问卷已关闭，感谢您的关注。')).toBeVisible();
	await expect(customer.getByRole('button', { name: '提交' })).toHaveCount(0);
	await page.getByRole('button', { name: '重新开放链接' }).click();
	await expect(page.getByRole('button', { name: '关闭链接' })).toBeVisible();
	await customer.reload();
	await expect(customer.getByRole('button', { name: '提交' })).toBeVisible();
	await customer.context().close();
});

test('signing out ends the session', async ({ page }) => {
	await login(page, admin);
	await page.getByRole('button', { name: '退出' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await page.goto('/questionnaires');
	await expect(page).toHaveURL(/\/login\?next=%2Fquestionnaires$/);
});

test('English is one click away and sticks', async ({ page }) => {
	await login(page, admin);
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('heading', { name: 'Questionnaires' })).toBeVisible();
	await page.goto('/calls');
	await expect(page.getByRole('heading', { name: 'New callback' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expectNoAxeViolations(page);
});

test('unknown pages and foreign ids answer 404 with a friendly page', async ({ browser, page }) => {
	const agentPage = await newPage(browser);
	await login(agentPage, agent);
	const forbidden = await agentPage.request.get(questionnaireUrl);
	expect(forbidden.status()).toBe(404);
	await agentPage.context().close();

	await page.goto('/nosuchpage');
	await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
	await expectNoAxeViolations(page);
	// A customer's wrong link gets the customers' own page (tests/e2e/production.spec.ts).
	await page.goto('/s/nosuchlink');
	await expect(page.getByRole('heading', { name: '此链接打不开问卷' })).toBeVisible();
});
