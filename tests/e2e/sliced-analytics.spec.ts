import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expectNoAxeViolations } from './axe';
import { newPage, PHONE_WITHOUT_JS, signInAdmin } from './session';

/**
 * An analyst slices the analytics: two customers answer personal links of a campaign,
 * one answers the open link; the page filters by campaign and by dates (in the URL, by a
 * plain GET form), drills from a churn cause to the customer who said "no", and exports
 * the filtered responses as CSV and XLSX, read back here. Runs alone too.
 */
test.describe.configure({ mode: 'serial' });
// Several pages and a campaign per test: give them room on a busy CI machine.
test.beforeEach(() => test.slow());

const title = '分析回访（E2E）';
const campaign = '分析活动 12 月';
let analyticsUrl = '';
let publicLink = '';
let links: string[] = [];

const CSV = '姓名,手机,客户编号,客户等级,购买日期\n' + '甲客户,13800139001,AN-1,A,2026-01-02\n' + '乙客户,13800139002,AN-2,B,2026-01-03\n';

/** Answers the 4S questionnaire on a phone without JavaScript: "no" to the listed questions, "yes" to the rest, and a comment. */
async function answer(page: Page, url: string, no: RegExp[], comment: string) {
	await page.goto(url);
	for (const q of [/及时接待/, /维修前是否向您说明/, /一次修复/, /约定的时间交车/, /配件是否有现货/, /服务人员的态度/]) {
		await page.getByRole('group', { name: q }).getByLabel(no.some((n) => n.source === q.source) ? '否' : '是').check();
	}
	await page.getByRole('group', { name: /满意程度/ }).getByLabel('4', { exact: true }).check();
	await page.getByRole('group', { name: /推荐/ }).getByLabel('9', { exact: true }).check();
	await page.getByRole('textbox', { name: /意见或建议/ }).fill(comment);
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByRole('heading', { name: '提交成功' })).toBeVisible();
}

test('an analyst imports customers, publishes a questionnaire and launches a link campaign', async ({ page }) => {
	await signInAdmin(page);
	await page.goto('/contacts/import');
	await page.getByLabel('CSV 文件').setInputFiles({ name: 'analytics.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	await page.getByRole('button', { name: '上传并设置列对应' }).click();
	await page.getByRole('button', { name: '开始导入' }).click();
	await expect(page.getByRole('heading', { name: '导入完成' })).toBeVisible();

	await page.goto('/questionnaires');
	await page.getByRole('button', { name: '用模板创建：汽车4S店售后服务回访' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('问卷标题').fill(title);
	await page.getByRole('button', { name: '保存并发布' }).click();
	await expect(page.getByText('已发布第 1 版')).toBeVisible();
	publicLink = (await page.getByTestId('public-link').textContent()) ?? '';
	analyticsUrl = `${new URL(page.url()).pathname}/analytics`;

	await page.goto('/campaigns/new');
	await page.getByLabel('活动名称').fill(campaign);
	await page.getByLabel('问卷', { exact: true }).selectOption({ label: title });
	await page.getByLabel('回访时间').selectOption('7');
	await page.getByLabel('事件日期从').fill('2026-01-01');
	await page.getByLabel('事件日期到').fill('2026-01-31');
	await page.getByLabel('问卷链接（短信/邮件）').check();
	await page.getByRole('button', { name: '保存为草稿' }).click();
	await page.getByRole('button', { name: '启动活动' }).click();
	await expect(page.getByText('进行中')).toBeVisible();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出链接（CSV）' }).click()]);
	links = readFileSync((await download.path())!, 'utf8')
		.replace(/^\ufeff/, '')
		.trim()
		.split('\r\n')
		.slice(1)
		.map((line) => new URL(line.split(',')[3]!).pathname);
	expect(links).toHaveLength(2);
});

test('customers answer two personal links and the open link', async ({ browser }) => {
	const page = await newPage(browser, PHONE_WITHOUT_JS);
	await answer(page, links[0]!, [/及时接待/], '等待时间太长了，服务态度很好');
	await answer(page, links[1]!, [], '服务态度很好');
	await answer(page, new URL(publicLink).pathname, [/维修前是否向您说明/], 'Waiting time too long');
	await page.context().close();
});

test('filters by campaign and dates live in the URL and change every number', async ({ page }) => {
	await signInAdmin(page);
	await page.goto(analyticsUrl);
	await expect(page.getByTestId('count-web')).toHaveText('3');
	await expectNoAxeViolations(page);

	await page.getByRole('combobox', { name: '回访活动' }).selectOption({ label: campaign });
	await page.getByRole('button', { name: '应用筛选' }).click();
	await expect(page).toHaveURL(/campaign=/);
	await expect(page.getByTestId('count-web')).toHaveText('2');
	await expect(page.getByTestId('rate-received_promptly')).toHaveText('50%');
	await expect(page.getByTestId('rate-charges_explained')).toHaveText('100%');

	// Yesterday only: nothing was answered then.
	const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
	await page.goto(`${analyticsUrl}?range=custom&from=${yesterday}&to=${yesterday}`);
	await expect(page.getByTestId('count-web')).toHaveText('0');
	await page.goBack();
	await expect(page.getByTestId('count-web')).toHaveText('2');

	await page.goto(`${analyticsUrl}?range=7d&lang=en`);
	await expect(page.getByRole('heading', { name: 'Filters' })).toBeVisible();
	await expect(page.getByTestId('count-web')).toHaveText('3');
	await expectNoAxeViolations(page);
	await page.goto(`${analyticsUrl}?lang=zh-CN`);
});

test('a churn cause drills down to its questions and to the customer who said "no"', async ({ page }) => {
	await signInAdmin(page);
	await page.goto(analyticsUrl);
	await page.getByTestId('churn-service').getByRole('link', { name: '服务' }).click();
	await expect(page.getByRole('heading', { name: /“否”的回答/ })).toBeVisible();
	await expect(page.getByTestId('drill-question-received_promptly').getByRole('cell').nth(1)).toHaveText('1');
	await expectNoAxeViolations(page);
	await page.getByTestId('drill-question-received_promptly').getByRole('link').click();
	await expect(page.getByRole('heading', { name: /回答“否”的客户/ })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: '查看回访' }).click();
	await expect(page.getByRole('heading', { name: '答卷详情' })).toBeVisible();
});

test('comments follow the filters, and a frequent phrase lists the comments that contain it', async ({ page }) => {
	await signInAdmin(page);
	await page.goto(analyticsUrl);
	await page.getByRole('link', { name: /客户意见与高频词/ }).click();
	await expect(page.getByRole('heading', { name: /^客户意见：/ })).toBeVisible();
	const comments = page.getByTestId('comments').locator('td.text');
	await expect(comments).toHaveCount(3);
	await expectNoAxeViolations(page);

	await page.getByTestId('terms-phrases').getByRole('link', { name: '服务 态度' }).click();
	await expect(page).toHaveURL(/q=/);
	await expect(page.getByRole('searchbox', { name: '搜索意见' })).toHaveValue('服务态度');
	await expect(comments).toHaveCount(2);
	for (const text of await comments.allTextContents()) expect(text).toContain('服务态度');

	// The analytics filters apply here too: the campaign's two customers, not the open link's.
	await page.getByRole('searchbox', { name: '搜索意见' }).fill('');
	await page.getByRole('combobox', { name: '回访活动' }).selectOption({ label: campaign });
	await page.getByRole('button', { name: '应用筛选' }).click();
	await expect(page).toHaveURL(/campaign=/);
	await expect(comments).toHaveCount(2);
	await expect(page.getByText('Waiting time too long')).toHaveCount(0);
	await page.getByRole('link', { name: '查看回访' }).first().click();
	await expect(page.getByRole('heading', { name: '答卷详情' })).toBeVisible();

	await page.goto(`${analyticsUrl}/comments?lang=en`);
	await expect(page.getByRole('heading', { name: 'Frequent words and phrases' })).toBeVisible();
	await page.getByTestId('terms-words').getByRole('link', { name: 'waiting', exact: true }).click();
	await expect(comments).toHaveText(['Waiting time too long']);
	await expectNoAxeViolations(page);
	await page.goto(`${analyticsUrl}?lang=zh-CN`);
});

test('the filtered responses export as CSV and XLSX', async ({ page }) => {
	await signInAdmin(page);
	await page.goto(analyticsUrl);
	await page.getByRole('combobox', { name: '回访活动' }).selectOption({ label: campaign });
	await page.getByRole('button', { name: '应用筛选' }).click();
	await expect(page.getByTestId('count-web')).toHaveText('2');

	const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
	const csv = readFileSync((await csvDownload.path())!, 'utf8');
	expect(csv.startsWith('\ufeff')).toBe(true);
	const lines = csv.slice(1).trim().split('\r\n');
	expect(lines).toHaveLength(3);
	expect(lines[0]).toContain('received_promptly,charges_explained');
	expect(lines.slice(1).every((l) => l.includes(campaign))).toBe(true);

	const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
	const book = new ExcelJS.Workbook();
	await book.xlsx.readFile((await xlsxDownload.path())!);
	const sheet = book.getWorksheet('回访')!;
	expect(sheet.rowCount).toBe(3);
	const header = sheet.getRow(1).values as unknown[];
	const column = header.indexOf('received_promptly');
	const answers = [sheet.getRow(2).getCell(column).value, sheet.getRow(3).getCell(column).value].sort();
	expect(answers).toEqual([0, 1]);
	expect(book.getWorksheet('编码表')!.rowCount).toBeGreaterThan(10);
});
