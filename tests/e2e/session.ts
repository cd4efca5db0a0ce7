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
