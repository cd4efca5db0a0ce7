import { readFileSync } from 'node:fs';
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { login, newPage, PHONE_WITHOUT_JS, signInAdmin } from './session';
import { resetServerTime, setServerTime } from './clock';

/**
 * Closing the loop: a customer's "no" on a personal link (no JavaScript) opens a
 * case → the handler resolves it and informs the customer → three days later a
 * second agent verifies by keyboard, the customer says no → reopened → resolved and
 * informed again → verified → the daily report shows it → the supervisor signs off.
 */
// A long story on a shared machine: each step gets more time than the default minute.
test.describe.configure({ mode: 'serial', timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const handler = { username: 'loop.handler', password: 'loop handler password' };
const agent = { username: 'loop.agent', password: 'loop agent password' };
const DAY = 86_400_000;
let link = '';
let caseUrl = '';
const start = Date.now();

test.afterAll(() => resetServerTime());

async function as(browser: Browser, who: { username: string; password: string }): Promise<Page> {
	const page = await newPage(browser);
	await login(page, who);
	return page;
}

async function createUser(page: Page, name: string, who: { username: string; password: string }, role: string, code = '') {
	await page.goto('/admin/users');
	await page.getByLabel('姓名').fill(name);
	await page.getByLabel('用户名').fill(who.username);
	await page.getByLabel('密码').fill(who.password);
	await page.getByLabel('角色').selectOption({ label: role });
	if (code) await page.getByLabel('工号').fill(code);
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByText(who.username).first()).toBeVisible();
}

test('admin creates the handler, the verifying agent, a team and its routing', async ({ page }) => {
	await signInAdmin(page);
	await createUser(page, '韩处理', handler, '分析员');
	await createUser(page, '钱核实', agent, '坐席', '7788');

	await page.goto('/admin/teams');
	await expect(page.getByRole('heading', { name: '跟进团队', level: 1 })).toBeVisible();
	const form = page.locator('form', { has: page.getByRole('button', { name: '创建团队' }) });
	await form.getByLabel('团队名称').fill('售后服务组');
	await form.getByLabel('组长').selectOption({ label: '韩处理 (分析员)' });
	await form.getByLabel('韩处理').check();
	await form.getByRole('button', { name: '创建团队' }).click();
	await expect(page.getByRole('heading', { name: '售后服务组' })).toBeVisible();
	const service = page.getByRole('row', { name: /^服务/ });
	await service.getByLabel('团队').selectOption({ label: '售后服务组' });
	await service.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('已保存。')).toBeVisible();
	await expectNoAxeViolations(page);
});

test('a customer, a questionnaire, a link campaign and the customer’s personal link', async ({ page }) => {
	await signInAdmin(page);
	await page.goto('/contacts/import');
	await page
		.getByLabel('CSV 文件')
		.setInputFiles({ name: 'loop.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,手机,客户等级,购买日期\n郑闭环,13800138077,B,2026/2/5\n') });
	await page.getByRole('button', { name: '上传并设置列对应' }).click();
	await page.getByRole('button', { name: '开始导入' }).click();
	await expect(page.getByRole('heading', { name: '导入完成' })).toBeVisible({ timeout: 30_000 });

	await page.goto('/questionnaires');
	await page.getByRole('button', { name: '用模板创建：汽车4S店售后服务回访' }).click();
	await page.getByLabel('问卷标题').fill('闭环回访');
	await page.getByRole('button', { name: '保存并发布' }).click();
	await expect(page.getByText('已发布第 1 版')).toBeVisible();

	await page.goto('/campaigns/new');
	await page.getByLabel('活动名称').fill('闭环测试活动');
	await page.getByLabel('问卷', { exact: true }).selectOption({ label: '闭环回访' });
	await page.getByLabel('回访时间').selectOption('7');
	await page.getByLabel('抽样比例（%）').fill('100');
	await page.getByLabel('事件日期从').fill('2026-02-01');
	await page.getByLabel('事件日期到').fill('2026-02-28');
	await page.getByLabel('问卷链接（短信/邮件）').check();
	await page.getByRole('button', { name: '保存为草稿' }).click();
	await page.getByRole('button', { name: '启动活动' }).click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出链接（CSV）' }).click()]);
	const row = readFileSync((await download.path())!, 'utf8').split('\r\n').find((line) => line.startsWith('郑闭环,'))!;
	link = new URL(row.split(',')[3]!).pathname;
});

test('the customer answers "no" without JavaScript; a case opens in the handler’s queue', async ({ browser }) => {
	const phone = await newPage(browser, PHONE_WITHOUT_JS);
	await phone.goto(link);
	await phone.getByRole('group', { name: /服务顾问是否及时接待/ }).getByLabel('否').check();
	for (const q of [/维修前是否向您说明/, /一次修复/, /约定的时间交车/, /配件是否有现货/, /服务人员的态度/]) {
		await phone.getByRole('group', { name: q }).getByLabel('是').check();
	}
	await phone.getByRole('group', { name: /满意程度/ }).getByLabel('2', { exact: true }).check();
	await phone.getByRole('group', { name: /推荐/ }).getByLabel('5', { exact: true }).check();
	await phone.getByRole('button', { name: '提交' }).click();
	await expect(phone).toHaveURL(/thanks/);

	const page = await as(browser, handler);
	await page.getByRole('link', { name: '回访跟进' }).click();
	await expect(page.getByRole('heading', { name: '跟进案件', level: 1 })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: '郑闭环' }).click();
	await expect(page).toHaveURL(/\/follow-ups\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	caseUrl = new URL(page.url()).pathname;
	await expect(page.getByRole('heading', { name: '跟进案件: 郑闭环' })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText('待处理', { exact: true })).toBeVisible();
	await expect(page.getByRole('region', { name: '客户反映的问题' })).toContainText('服务顾问是否及时接待');
	await expect(page.getByRole('region', { name: '客户的完整回答' })).toContainText('满意程度');
	await expectNoAxeViolations(page);

	// Resolving before accepting is not offered; accept, then resolve (text required), then inform.
	await expect(page.getByRole('button', { name: '标记为已解决' })).toHaveCount(0);
	await page.getByRole('button', { name: '接手处理' }).click();
	await expect(page.getByText('处理中', { exact: true })).toBeVisible();
	await page.getByLabel('处理结果（必填）').fill('已安排专人接待并致歉');
	await page.getByRole('button', { name: '标记为已解决' }).click();
	await page.getByLabel('电话').check();
	await page.getByLabel('告知内容').fill('已电话告知客户处理结果');
	await page.getByRole('button', { name: '记录已告知客户' }).click();
	await expect(page.getByText('已告知客户', { exact: true }).first()).toBeVisible();
	await expect(page.getByRole('region', { name: '处理记录' })).toContainText('已安排核实回访');
	await expectNoAxeViolations(page);
});

async function verifyByKeyboard(browser: Browser, keys: string[], words: string) {
	const page = await as(browser, agent);
	await page.goto('/calls');
	await expect(page.getByRole('heading', { name: '待核实回访：1' })).toBeVisible();
	await page.getByRole('button', { name: '开始下一个核实回访' }).click();
	await expect(page.getByRole('heading', { name: '核实回访', level: 1 })).toBeVisible();
	await expectNoAxeViolations(page);
	for (const key of keys) await page.keyboard.press(key);
	await expect(page.getByLabel('客户原话')).toBeFocused();
	if (words) await page.keyboard.type(words);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/calls\?verified=/);
	return page;
}

test('three days later a second agent verifies by keyboard; a "no" reopens the case', async ({ browser }) => {
	// The owner never gets the verification; before three days nobody does.
	const early = await as(browser, agent);
	await early.goto('/calls');
	await expect(early.getByRole('heading', { name: '电话回访', level: 1 })).toBeVisible();
	await expect(early.getByRole('heading', { name: /^待核实回访/ })).toHaveCount(0);
	setServerTime(new Date(start + 3 * DAY + 3_600_000));
	const page = await verifyByKeyboard(browser, ['n', 'n'], '配件还是缺了两次');
	await expect(page.getByText('案件已重开，客户原话已记入。')).toBeVisible();

	const owner = await as(browser, handler);
	await owner.goto(caseUrl);
	await expect(owner.getByText('处理中', { exact: true })).toBeVisible();
	await expect(owner.getByText('重开次数：1').first()).toBeVisible();
	await expect(owner.getByRole('region', { name: '处理记录' })).toContainText('配件还是缺了两次');
	await owner.getByLabel('处理结果（必填）').fill('补发配件并上门安装');
	await owner.getByRole('button', { name: '标记为已解决' }).click();
	await owner.getByLabel('当面').check();
	await owner.getByLabel('告知内容').fill('上门安装时当面告知');
	await owner.getByRole('button', { name: '记录已告知客户' }).click();
	await expect(owner.getByText('已告知客户', { exact: true }).first()).toBeVisible();
});

test('verified at the second try; the daily report shows it and the supervisor signs off', async ({ browser, page }) => {
	const verifiedAt = new Date(start + 6 * DAY + 7_200_000);
	setServerTime(verifiedAt);
	const agentPage = await verifyByKeyboard(browser, ['y', 'y'], '');
	await expect(agentPage.getByText('已核实：问题已解决，案件关闭。')).toBeVisible();

	await signInAdmin(page);
	await page.goto(caseUrl);
	await expect(page.getByText('已核实', { exact: true }).first()).toBeVisible();

	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(verifiedAt);
	await page.goto(`/follow-ups/report?day=${day}`);
	await expect(page.getByRole('heading', { name: `回访报告 ${day}` })).toBeVisible();
	const team = page.getByRole('row', { name: /售后服务组/ });
	await expect(team.getByRole('cell').nth(4)).toHaveText('1');
	await expect(page.getByRole('row', { name: /钱核实/ })).toBeVisible();
	await expect(page.getByText('待签核').first()).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByLabel('签核意见').fill('已审阅，闭环完成');
	await page.getByRole('button', { name: '签核当天' }).click();
	await expect(page.getByText(/于 .* 签核/)).toBeVisible();
	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
	expect(readFileSync((await csv.path())!, 'utf8')).toContain('售后服务组');

	await page.goto('/follow-ups/analytics');
	await expect(page.getByRole('table', { name: '按原因的闭环数据' }).getByRole('row', { name: /服务/ })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/follow-ups/settings');
	await expectNoAxeViolations(page);

	// English too.
	await page.goto(`${caseUrl}?lang=en`);
	await expect(page.getByRole('heading', { name: /Follow-up case/ })).toBeVisible();
	await expect(page.getByText('Verified', { exact: true }).first()).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto(`/follow-ups/report?day=${day}&lang=en`);
	await expect(page.getByText(/Signed off by/)).toBeVisible();
	await expectNoAxeViolations(page);
});

test('who sees what: an agent outside the team gets 404 for the case and the lists', async ({ browser }) => {
	const page = await as(browser, agent);
	expect((await page.goto(caseUrl))?.status()).toBe(404);
	expect((await page.goto('/follow-ups'))?.status()).toBe(404);
	expect((await page.goto('/follow-ups/report'))?.status()).toBe(404);
});
