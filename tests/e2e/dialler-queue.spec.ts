import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { admin, countBeside, launchPhoneCampaign, login, newPage, signInAdmin } from './session';

/**
 * A phone campaign feeds the agents' call queue: an analyst imports two customers
 * and launches a phone campaign whose calls are long due; an agent, keyboard only,
 * calls the next one from /calls, runs the script (piped with the contact's data),
 * records the outcome; the customer leaves the queue and the campaign counts it.
 * Runs after contacts-campaigns.spec.ts (file order), and alone too.
 */
test.describe.configure({ mode: 'serial' });

const agent = { username: 'queue2048', password: 'queue agent password', code: '2048' };
const title = '队列回访（电话）';
const campaign = '电话回访队列（3 月保养）';

const CSV =
	'姓名,手机,客户编号,客户等级,购买日期,车型\n' +
	'郑五,13800138005,Q-1,A,2026-03-02,X7\n' +
	'吴六,13800138006,Q-2,B,2026-03-01,X8\n';

test('an analyst imports customers and launches a phone campaign that is due', async ({ page }) => {
	await signInAdmin(page);
	await page.goto('/admin/users');
	await page.getByLabel('姓名').fill('赵坐席');
	await page.getByLabel('用户名').fill(agent.username);
	await page.getByLabel('密码').fill(agent.password);
	await page.getByLabel('角色').selectOption('agent');
	await page.getByLabel('工号', { exact: true }).fill(agent.code);
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByRole('cell', { name: agent.username })).toBeVisible();

	await page.goto('/contacts/import');
	await page.getByLabel('CSV 文件').setInputFiles({ name: 'march.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	await page.getByRole('button', { name: '上传并设置列对应' }).click();
	await page.getByLabel('“车型”列导入为').selectOption('attribute');
	await page.getByLabel('“车型”列的属性名').fill('car_model');
	await page.getByRole('button', { name: '开始导入' }).click();
	await expect(page.getByRole('heading', { name: '导入完成' })).toBeVisible();
	await expect(countBeside(page, '新建')).toHaveText('2');

	await page.goto('/questionnaires');
	await page.getByRole('button', { name: '用模板创建：汽车4S店售后服务回访' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('问卷标题').fill(title);
	await page.getByLabel('问题 1 · 坐席念读话术 (中文)').fill('{customer.name}，请问您的 {contact.car_model} 到店后是否马上得到接待？');
	await page.getByRole('button', { name: '保存并发布' }).click();
	await expect(page.getByText('已发布第 1 版')).toBeVisible();

	await launchPhoneCampaign(page, { name: campaign, questionnaire: title, eventFrom: '2026-03-01', eventTo: '2026-03-31' });
	await expect(countBeside(page, '待回访')).toHaveText('2');
	await expect(countBeside(page, '现在需电话回访')).toHaveText('2');
});

test('an agent calls the next customer from the queue by keyboard and records the outcome', async ({ browser }) => {
	const page = await newPage(browser);
	await login(page, agent);
	await expect(page).toHaveURL(/\/calls$/);
	const queue = page.getByRole('table', { name: '回访队列' });
	// Soonest due first: 吴六 (event 03-01) before 郑五 (03-02).
	await expect(queue.getByRole('row')).toHaveCount(3);
	await expect(queue.getByRole('row').nth(1)).toContainText('吴六');
	await expect(queue.getByRole('row').nth(1)).toContainText('+8613800138006');
	await expect(queue.getByRole('row').nth(1)).toContainText(campaign);
	await expect(queue.getByRole('row').nth(1)).toContainText('2026-03-08');
	await expect(queue.getByRole('row').nth(2)).toContainText('郑五');
	await expectNoAxeViolations(page);

	// N: call next.
	await expect(page.locator('section.queue[data-ready="true"]')).toBeVisible();
	await page.keyboard.press('n');
	const script = page.locator('.script[data-ready="true"]');
	await expect(script).toBeVisible();
	await expect(page.getByRole('heading', { name: /吴六/ })).toBeVisible();
	await expect(page.getByText('吴六您好！我是星河汽车客户代表 2048 号。')).toBeVisible();

	const progress = (n: number) => page.getByText(`第 ${n} / 9 题`);
	await page.keyboard.press('y');
	// Piped from the contact: the name and the imported car model.
	await expect(page.getByRole('heading', { name: '吴六，请问您的 X8 到店后是否马上得到接待？' })).toBeVisible();
	for (let n = 1; n <= 6; n++) {
		await expect(progress(n)).toBeVisible();
		await page.keyboard.press('y');
	}
	await expect(progress(7)).toBeVisible();
	await page.keyboard.press('5');
	await expect(progress(8)).toBeVisible();
	await page.keyboard.press('9');
	await page.keyboard.press('Enter');
	await expect(progress(9)).toBeVisible();
	await page.keyboard.type('很好');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: '回顾与结束' })).toBeVisible();
	await expect(page.getByRole('radio', { name: /完成/ }).first()).toBeChecked();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: '通话已保存' })).toBeVisible();

	// Enter: back to the queue, where 吴六 is gone.
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/calls$/);
	await expect(queue.getByRole('row')).toHaveCount(2);
	await expect(queue).not.toContainText('吴六');
	await expect(queue.getByRole('row').nth(1)).toContainText('郑五');

	// 郑五 does not answer: Esc ends the call at the opening, "no answer" is preselected.
	await expect(page.locator('section.queue[data-ready="true"]')).toBeVisible();
	await page.keyboard.press('n');
	await expect(script).toBeVisible();
	await expect(page.getByRole('heading', { name: /郑五/ })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('radio', { name: /无人接听/ })).toBeChecked();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: '通话已保存' })).toBeVisible();
	await page.keyboard.press('Enter');
	// Due again tomorrow: nobody is left today.
	await expect(page.getByText('现在没有到期的回访。')).toBeVisible();
	await page.context().close();
});

test('the campaign counts the answered call and the retry', async ({ page }) => {
	await login(page, admin);
	await page.goto('/campaigns');
	await page.getByRole('link', { name: campaign }).click();
	await expect(countBeside(page, '已答复')).toHaveText('1');
	await expect(countBeside(page, '待回访')).toHaveText('1');
	await expect(countBeside(page, '现在需电话回访')).toHaveText('0');
	await expect(countBeside(page, '通话中')).toHaveText('0');
	await expectNoAxeViolations(page);
});
