import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { countBeside, signInAdmin } from './session';

/**
 * Contacts → campaign → per-customer link, on the same app as the slice spec.
 * Runs alone too: the first test creates the administrator when the app is new.
 */
test.describe.configure({ mode: 'serial' });

let customerLink = '';

const CSV =
	'姓名,手机,客户编号,客户等级,购买日期,车型\n' +
	'陈一,13800138001,E2E-1,A,2026/1/5,X5\n' +
	'林二,12345,E2E-2,A,2026-01-06,X3\n' + // invalid phone: rejected
	'陈一,138 0013 8001,,,,X6\n' + // same phone as row 2: merged
	'黄三,13800138003,E2E-3,B,2026-01-07,X1\n' +
	'周四,,E2E-4,A,2026-01-08,X2\n'; // no phone: imported, but no campaign can call them

test('contacts: import a CSV with a bad phone and a duplicate, read the report', async ({ page }) => {
	await signInAdmin(page);
	await page.getByRole('link', { name: '客户', exact: true }).click();
	await expect(page.getByRole('heading', { name: '客户', exact: true })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: '导入客户' }).click();
	// A binary file is refused with a message, and nothing is stored.
	await page.getByLabel('CSV 文件').setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]) });
	await page.getByRole('button', { name: '上传并设置列对应' }).click();
	await expect(page.getByText('这不是文本 CSV 文件')).toBeVisible();
	await expectNoAxeViolations(page);

	// Over 20 MB: refused with a message before anything is read or stored.
	await page.getByLabel('CSV 文件').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(21 * 1024 * 1024, 'a') });
	await page.getByRole('button', { name: '上传并设置列对应' }).click();
	await expect(page.getByText('文件超过 20 MB，未导入。')).toBeVisible();

	await page.getByLabel('CSV 文件').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	await page.getByRole('button', { name: '上传并设置列对应' }).click();
	await expect(page.getByRole('heading', { name: '列对应' })).toBeVisible();
	// Guesses from the Chinese headers; the model column becomes the product.
	await expect(page.getByLabel('“姓名”列导入为')).toHaveValue('name');
	await expect(page.getByLabel('“手机”列导入为')).toHaveValue('phone');
	await expect(page.getByLabel('“购买日期”列导入为')).toHaveValue('event_date');
	await page.getByLabel('“车型”列导入为').selectOption('attribute');
	await page.getByLabel('“车型”列的属性名').fill('Car Model');
	await page.getByRole('button', { name: '开始导入' }).click();
	await expect(page.getByText('属性名须以小写字母开头')).toBeVisible();
	await expect(page.getByLabel('“车型”列导入为')).toHaveValue('attribute');
	await expectNoAxeViolations(page);
	await page.getByLabel('“车型”列的属性名').fill('car_model');
	await page.getByRole('button', { name: '开始导入' }).click();

	await expect(page.getByRole('heading', { name: '导入完成' })).toBeVisible();
	await expect(countBeside(page, '新建')).toHaveText('3');
	await expect(countBeside(page, '合并')).toHaveText('1');
	await expect(countBeside(page, '拒绝')).toHaveText('1');
	const report = page.getByRole('table', { name: '被拒绝的行' });
	await expect(report.getByRole('row', { name: /3 手机号无效 12345/ })).toBeVisible();
	await expectNoAxeViolations(page);

	const download = await page.request.get(new URL(page.url()).pathname + '/report');
	expect(await download.text()).toContain('3,手机号无效,12345');
});

test('contacts: search, open, mark do-not-contact with a reason', async ({ page }) => {
	await signInAdmin(page);
	await page.goto('/contacts');
	await page.getByLabel('搜索姓名、电话、邮箱或编号').fill('陈一');
	await page.getByRole('button', { name: '查找' }).click();
	// Wait for the search to land before following a result, or the click races the navigation.
	await expect(page).toHaveURL(/[?&]q=/);
	await page.waitForLoadState('networkidle');
	await page.getByRole('link', { name: '陈一' }).click();
	await expect(page.getByRole('heading', { name: '陈一' })).toBeVisible();
	await expect(page.getByLabel('手机号')).toHaveValue('+8613800138001');
	await expect(page.getByText('X6')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('客户等级').fill('B');
	await page.getByLabel('不再联系此客户').check();
	await page.getByLabel('手机号').fill('123');
	await page.getByRole('button', { name: '保存客户' }).click();
	await expect(page.getByText('请输入有效的电话号码。')).toBeVisible();
	await expect(page.getByText('设为免打扰时请填写原因。')).toBeVisible();
	await expect(page.getByLabel('客户等级')).toHaveValue('B');
	await expectNoAxeViolations(page);

	await page.getByLabel('手机号').fill('13800138001');
	await page.getByLabel('免打扰原因').fill('客户要求');
	await page.getByRole('button', { name: '保存客户' }).click();
	await expect(page.getByText('此客户设为免打扰：客户要求')).toBeVisible();
	await page.getByLabel('客户等级').fill('A');
	await page.getByLabel('不再联系此客户').uncheck();
	await page.getByRole('button', { name: '保存客户' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存。');
});

test('campaign: create with a checked form, preview exclusions, launch, pause', async ({ page }) => {
	await signInAdmin(page);
	await page.goto('/questionnaires');
	await page.getByRole('button', { name: '用模板创建：汽车4S店售后服务回访' }).click();
	await page.getByLabel('问卷标题').fill('保养后回访（活动）');
	await page.getByLabel('问题 1 · 题目 (中文)').fill('{customer.name}，您的 {contact.car_model} 到店后是否马上得到接待？');
	await page.getByRole('button', { name: '保存并发布' }).click();
	await expect(page.getByText('已发布第 1 版')).toBeVisible();

	await page.getByRole('link', { name: '回访活动', exact: true }).click();
	await expect(page.getByRole('heading', { name: '回访活动', exact: true })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: '新建回访活动' }).click();
	await page.getByLabel('活动名称').fill('保养后 30 天回访');
	await page.getByLabel('问卷', { exact: true }).selectOption({ label: '保养后回访（活动）' });
	await page.getByLabel('回访时间').selectOption('30');
	await page.getByLabel('抽样比例（%）').fill('0');
	await page.getByLabel('事件日期从').fill('2026/1/1');
	await page.getByLabel('事件日期到').fill('2026-01-31');
	await page.getByLabel('先发链接，未答复再电话回访').check();
	await page.getByRole('button', { name: '保存为草稿' }).click();
	await expect(page.getByText('请输入 1 到 100 之间的整数。')).toBeVisible();
	await expect(page.getByLabel('活动名称')).toHaveValue('保养后 30 天回访');
	await expect(page.getByLabel('先发链接，未答复再电话回访')).toBeChecked();
	await expectNoAxeViolations(page);
	await page.getByLabel('抽样比例（%）').fill('100');
	await page.getByRole('button', { name: '保存为草稿' }).click();

	await expect(page.getByRole('heading', { name: '保养后 30 天回访' })).toBeVisible();
	const preview = page.getByRole('table', { name: '启动前预览' });
	await expect(preview.getByRole('row', { name: '启动时将纳入 2' })).toBeVisible();
	await expect(preview.getByRole('row', { name: '排除：没有有效手机号 1' })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: '启动活动' }).click();
	await expect(page.getByText('进行中')).toBeVisible();
	await expect(countBeside(page, '待回访')).toHaveText('2');
	// Link first, then a call after 3 days: the events were in January, so both are due for a call too.
	await expect(countBeside(page, '现在需电话回访')).toHaveText('2');

	// Links: one per customer, only in this download; phone cells cannot run as formulas.
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出链接（CSV）' }).click()]);
	const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
	expect(csv[0]).toBe('姓名,手机号,电子邮箱,链接,有效期至');
	expect(csv).toHaveLength(3);
	const row = csv.find((line) => line.startsWith('陈一,'))!;
	// A validated E.164 number goes out as it is (SMS merge tools dial it); free text is neutralised.
	expect(row).toContain(',+8613800138001,');
	customerLink = new URL(row.split(',')[3]!).pathname;
	expect(customerLink).toMatch(/^\/l\/[A-Za-z0-9_-]{32}$/);
	await page.reload();
	await expect(countBeside(page, '有效未答')).toHaveText('2');

	await page.getByRole('button', { name: '暂停' }).click();
	await expect(page.getByText('已暂停')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.goto('/contacts?q=陈一');
	await page.getByRole('link', { name: '陈一' }).click();
	await expect(page.getByRole('table').getByRole('link', { name: '保养后 30 天回访' })).toBeVisible();
});

test('customer answers a personal link on a phone without JavaScript; the link then refuses', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	await page.goto(customerLink);
	await expect(page.getByRole('heading', { name: '保养后回访（活动）' })).toBeVisible();
	// Piped from the contact: name and imported attribute.
	const q1 = page.getByRole('group', { name: /陈一，您的 X6 到店后是否马上得到接待/ });
	await expect(q1).toBeVisible();
	await expect(page.locator('main')).not.toContainText('{');

	await q1.getByLabel('是').check();
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByText('请检查下方标出的问题。')).toBeVisible();
	await expect(page.getByRole('group', { name: /陈一，您的 X6/ }).getByLabel('是')).toBeChecked();
	await page.getByRole('group', { name: /维修前是否向您说明/ }).getByLabel('是').check();
	await page.getByRole('group', { name: /一次修复/ }).getByLabel('是').check();
	await page.getByRole('group', { name: /约定的时间交车/ }).getByLabel('是').check();
	await page.getByRole('group', { name: /配件是否有现货/ }).getByLabel('是').check();
	await page.getByRole('group', { name: /服务人员的态度/ }).getByLabel('是').check();
	await page.getByRole('group', { name: /满意程度/ }).getByLabel('5', { exact: true }).check();
	await page.getByRole('group', { name: /推荐/ }).getByLabel('10', { exact: true }).check();
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByRole('heading', { name: '提交成功' })).toBeVisible();

	// The same link a second time: its own page, in the customer's language, no form.
	await page.goto(customerLink);
	await expect(page.getByRole('heading', { name: '此链接已经使用过' })).toBeVisible();
	await expect(page.getByRole('button', { name: '提交' })).toHaveCount(0);
	await page.goto(customerLink + '?lang=en');
	await expect(page.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();
	expect((await page.request.get('/l/' + 'x'.repeat(32))).status()).toBe(404);
	await context.close();

	// axe needs JavaScript; the markup is the same server-rendered HTML.
	const withJs = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const axePage = await withJs.newPage();
	await axePage.goto(customerLink + '?lang=zh-CN');
	await expectNoAxeViolations(axePage);
	await withJs.close();
});

test('the link page passes axe with its questions and errors', async ({ page, browser }) => {
	await signInAdmin(page);
	await page.goto('/campaigns');
	await page.getByRole('link', { name: '保养后 30 天回访' }).click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出链接（CSV）' }).click()]);
	const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
	// 陈一 answered; 黄三 still has a live link from the first export: nothing new to issue.
	expect(lines).toHaveLength(1);
	await page.getByLabel('作废尚未使用的旧链接并重新生成').check();
	const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出链接（CSV）' }).click()]);
	const reissued = readFileSync((await again.path())!, 'utf8').trim().split('\r\n');
	expect(reissued).toHaveLength(2);
	expect(reissued[1]).toMatch(/^黄三,/);
	const link = new URL(reissued[1]!.split(',')[3]!).pathname;

	const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
	await phone.goto(link);
	await expectNoAxeViolations(phone);
	await phone.getByRole('button', { name: '提交' }).click();
	await expect(phone.getByText('请检查下方标出的问题。')).toBeVisible();
	await expectNoAxeViolations(phone);
	await phone.context().close();
});
