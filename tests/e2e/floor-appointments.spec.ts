import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { resetServerTime, setServerTime } from './clock';
import { admin, launchPhoneCampaign, login, newPage, signInAdmin } from './session';

/**
 * The call floor: an agent books 明天 15:00 with a customer; the next day at 15:01
 * N opens that customer before older backlog. A supervisor runs the wallboard by
 * keyboard and on a phone without JavaScript. Runs after dialler-queue.spec.ts
 * (file order), and alone too.
 */
test.describe.configure({ mode: 'serial' });

const agent = { username: 'floor3001', password: 'floor agent password', code: '3001' };
const title = '预约回访（电话）';
const campaign = '预约回访活动（9 月保养）';
const CSV = '姓名,手机,客户编号,客户等级,购买日期\n' + '冯一,13900139001,F-1,A,2026-09-01\n' + '陈二,13900139002,F-2,A,2026-09-01\n';
/** A Wednesday morning in Shanghai, then the next day at 15:01. */
const WEDNESDAY = new Date('2026-12-02T10:00:00+08:00');
const THURSDAY_1501 = new Date('2026-12-03T15:01:00+08:00');

test.afterAll(() => resetServerTime());

test('an administrator sets up a phone campaign that is due', async ({ page }) => {
	setServerTime(WEDNESDAY);
	await signInAdmin(page);
	await page.goto('/admin/users');
	await page.getByLabel('姓名').fill('钱坐席');
	await page.getByLabel('用户名').fill(agent.username);
	await page.getByLabel('密码').fill(agent.password);
	await page.getByLabel('角色').selectOption('agent');
	await page.getByLabel('工号', { exact: true }).fill(agent.code);
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByRole('cell', { name: agent.username })).toBeVisible();

	await page.goto('/contacts/import');
	await page.getByLabel('CSV 文件').setInputFiles({ name: 'september.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	await page.getByRole('button', { name: '上传并设置列对应' }).click();
	await page.getByRole('button', { name: '开始导入' }).click();
	await expect(page.getByRole('heading', { name: '导入完成' })).toBeVisible();

	await page.goto('/questionnaires');
	await page.getByRole('button', { name: '用模板创建：汽车4S店售后服务回访' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('问卷标题').fill(title);
	await page.getByRole('button', { name: '保存并发布' }).click();
	await expect(page.getByText('已发布第 1 版')).toBeVisible();

	await launchPhoneCampaign(page, { name: campaign, questionnaire: title, eventFrom: '2026-09-01', eventTo: '2026-09-30' });
});

test('an agent books 明天 15:00; the next day at 15:01 N opens that customer first', async ({ browser }) => {
	setServerTime(WEDNESDAY);
	const page = await newPage(browser);
	await login(page, agent);
	await expect(page).toHaveURL(/\/calls$/);
	const queue = page.getByRole('table', { name: '回访队列' });
	await expect(queue).toContainText('冯一');
	await expect(queue).toContainText('陈二');
	await expect(page.locator('section.queue[data-ready="true"]')).toBeVisible();
	await page.getByRole('button', { name: '呼叫 冯一' }).click();

	const script = page.locator('.script[data-ready="true"]');
	await expect(script).toBeVisible();
	await expect(page.getByRole('heading', { name: /冯一/ })).toBeVisible();
	await expect(page.getByRole('link', { name: '拨打 +8613900139001' })).toHaveAttribute('href', 'tel:+8613900139001');
	// N at the opening: not now, book a time.
	await page.keyboard.press('n');
	await expect(page.getByRole('radio', { name: /预约回拨/ })).toBeChecked();
	await page.getByLabel(/^备注/).fill('客户在开车，明天 15:00 再打');
	// The note prefills the window, on the customer's clock.
	await expect(page.getByLabel('日期', { exact: true })).toHaveValue('2026-12-03');
	await expect(page.getByLabel('开始时间')).toHaveValue('15:00');
	await expectNoAxeViolations(page);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: '通话已保存' })).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/calls$/);
	await expect(page.getByRole('region', { name: '我的预约', exact: true })).toContainText('冯一');
	await expect(queue).not.toContainText('冯一');

	// The next day at 15:01 (a new shift: the session idled out overnight, so the agent signs
	// in again): the appointment comes before the older backlog (陈二).
	setServerTime(THURSDAY_1501);
	await login(page, agent);
	await expect(page).toHaveURL(/\/calls$/);
	await expect(queue.getByRole('row').nth(1)).toContainText('冯一');
	await expect(queue.getByRole('row').nth(1)).toContainText('预约');
	await expectNoAxeViolations(page);
	await expect(page.locator('section.queue[data-ready="true"]')).toBeVisible();
	await page.keyboard.press('n');
	await expect(script).toBeVisible();
	await expect(page.getByRole('heading', { name: /冯一/ })).toBeVisible();
	// The earlier call's note is in the contact history.
	await expect(page.getByText('客户在开车，明天 15:00 再打')).toBeAttached();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('radio', { name: /无人接听/ })).toBeChecked();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: '通话已保存' })).toBeVisible();
	await page.context().close();
});

test('a supervisor runs the wallboard by keyboard, on a phone without JavaScript, in both languages', async ({ page, browser }) => {
	// Seven pages, each checked by axe, and a second browser: more than the default minute on a busy machine.
	test.setTimeout(180_000);
	setServerTime(THURSDAY_1501);
	await login(page, admin);
	await page.goto('/supervise');
	await expect(page.getByRole('heading', { name: '现场监控' })).toBeVisible();
	const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: campaign }) });
	await expect(card).toBeVisible();
	await expectNoAxeViolations(page);
	// Keyboard: focus the pause button and press Enter; then resume the same way.
	await card.getByRole('button', { name: `暂停 ${campaign}` }).focus();
	await page.keyboard.press('Enter');
	await expect(card.getByRole('button', { name: `恢复 ${campaign}` })).toBeVisible();
	await card.getByRole('button', { name: `恢复 ${campaign}` }).focus();
	await page.keyboard.press('Enter');
	await expect(card.getByRole('button', { name: `暂停 ${campaign}` })).toBeVisible();

	for (const path of ['/calls/rates', '/calls/productivity', '/calls/appointments', '/calls/settings']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoAxeViolations(page);
	}
	await page.goto('/supervise?lang=en');
	await expect(page.getByRole('heading', { name: 'Wallboard' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Agents' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/supervise?lang=zh-CN');

	// A supervisor walking the floor: 390×844, no JavaScript; the page refreshes itself.
	const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false, isMobile: true, hasTouch: true });
	await login(phone, admin);
	await phone.goto('/supervise');
	await expect(phone.getByRole('heading', { name: '现场监控' })).toBeVisible();
	await expect(phone.locator('meta[http-equiv="refresh"]')).toHaveAttribute('content', '10');
	const width = await phone.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(390);
	await phone.context().close();
	// axe on the phone viewport with JavaScript (the same page, but it does not reload itself under axe).
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/supervise');
	await expect(page.getByRole('heading', { name: '现场监控' })).toBeVisible();
	await expectNoAxeViolations(page);
});
