import { expect, type Browser, type Page } from '@playwright/test';

/** The first administrator, created by callback-slice.spec.ts's first test (spec files run in name order). */
export const admin = { username: 'admin', password: 'correct horse battery' };

export async function login(page: Page, who: { username: string; password: string }, expectSuccess = true) {
	// Fill the form once the page is interactive: hydration would clear what was typed before.
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('用户名').fill(who.username);
	await page.getByLabel('密码').fill(who.password);
	await page.getByRole('button', { name: '登录' }).click();
	if (expectSuccess) await expect(page).not.toHaveURL(/\/login/);
}

export async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
	const context = await browser.newContext(options);
	return context.newPage();
}

/** A customer's phone: 390×844, touch, and no JavaScript at all. */
export const PHONE_WITHOUT_JS = { viewport: { width: 390, height: 844 }, javaScriptEnabled: false, isMobile: true, hasTouch: true };

/** Signs in as the administrator, creating it first when the app is new (a spec file run on its own). */
export async function signInAdmin(page: Page) {
	const setup = await page.goto('/setup');
	// /setup answers 404 once an administrator exists (when earlier spec files ran first).
	if (setup?.status() === 200 && page.url().endsWith('/setup')) {
		await page.getByLabel('公司名称（坐席开场白中使用）').fill('星河汽车');
		await page.getByLabel('姓名').fill('王经理');
		await page.getByLabel('用户名').fill(admin.username);
		await page.getByLabel('密码').fill(admin.password);
		await page.getByRole('button', { name: '创建管理员并登录' }).click();
		await expect(page).toHaveURL(/\/questionnaires$/);
		return;
	}
	await login(page, admin);
}

/** The number shown beside a label in a <dl> of counts (campaign and import pages). */
export const countBeside = (page: Page, label: string) =>
	page.locator('dl > div').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) }).getByRole('definition');

/** Creates a phone campaign calling customers 7 days after events in [from, to], and launches it. */
export async function launchPhoneCampaign(page: Page, c: { name: string; questionnaire: string; eventFrom: string; eventTo: string }) {
	await page.goto('/campaigns/new');
	await page.getByLabel('活动名称').fill(c.name);
	await page.getByLabel('问卷', { exact: true }).selectOption({ label: c.questionnaire });
	await page.getByLabel('回访时间').selectOption('7');
	await page.getByLabel('事件日期从').fill(c.eventFrom);
	await page.getByLabel('事件日期到').fill(c.eventTo);
	await page.getByLabel('电话回访', { exact: true }).check();
	await page.getByRole('button', { name: '保存为草稿' }).click();
	await expect(page.getByRole('heading', { name: c.name })).toBeVisible();
	await page.getByRole('button', { name: '启动活动' }).click();
	await expect(page.getByText('进行中')).toBeVisible();
}
