import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { PHONE_WITHOUT_JS, newPage, signInAdmin } from './session';
import { startMailServer } from '../mail-server';

/**
 * The job runner's admin page, the delivery settings, and a link campaign that
 * e-mails its links through a real SMTP server run by this spec; the funnel then
 * counts what the customers did. Runs alone too (creates the administrator).
 */
// Several pages, axe on each, and two browsers: more than the default minute on a busy machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let mail: Awaited<ReturnType<typeof startMailServer>>;
test.beforeAll(async () => {
	mail = await startMailServer();
});
test.afterAll(async () => {
	await mail.close();
});

const CSV = '姓名,手机,邮箱,行业,购买日期\n' + '邮件甲,13900139101,jia@example.com,邮件回访E2E,2026-01-05\n' + '邮件乙,13900139102,yi@example.com,邮件回访E2E,2026-01-06\n';
const linkIn = (text: string) => /http:\/\/[^\s]+\/l\/[A-Za-z0-9_-]{32}/.exec(text)?.[0] ?? '';

test('admin: the job runner lists its queues, and delivery settings are checked and saved', async ({ page }) => {
	await signInAdmin(page);
	await page.getByRole('link', { name: '后台任务' }).click();
	await expect(page.getByRole('heading', { name: '后台任务', level: 1 })).toBeVisible();
	await expect(page.getByText('本应用进程运行任务执行器。')).toBeVisible();
	const queues = page.getByRole('table').first();
	for (const name of ['campaigns-enroll-due', 'links-queue-messages', 'links-send-messages', 'links-expire-messages']) {
		await expect(queues.getByRole('row', { name: new RegExp(name) })).toBeVisible();
	}
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: '链接发送设置' }).click();
	await page.getByLabel('SMTP 服务器').fill('127.0.0.1');
	await page.getByLabel('端口').fill(String(mail.port));
	await page.getByLabel('发件人').fill('星河汽车 <care@example.com>');
	await page.getByLabel('网关地址').fill('ftp://sms.example.com');
	await page.getByLabel('短信内容（en）').fill('Hi {customer.nmae}: {link}');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('请输入 http:// 或 https:// 开头的地址。')).toBeVisible();
	await expect(page.getByText('文本中有无法填充的占位符。')).toBeVisible();
	await expect(page.getByLabel('SMTP 服务器')).toHaveValue('127.0.0.1');
	await expectNoAxeViolations(page);
	await page.getByLabel('网关地址').fill('');
	await page.getByLabel('短信内容（en）').fill('{company.name}: {customer.name}, please rate us: {link}');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存。');
	await page.reload();
	await expect(page.getByLabel('端口')).toHaveValue(String(mail.port));

	await page.goto('/admin/delivery?lang=en');
	await expect(page.getByRole('heading', { name: 'Link delivery', level: 1 })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/admin/jobs?lang=zh-CN');
});

test('a campaign e-mails its links and the funnel counts an opened and an answered link', async ({ page, browser }) => {
	await signInAdmin(page);
	await page.goto('/contacts/import');
	await page.getByLabel('CSV 文件').setInputFiles({ name: 'mail.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	await page.getByRole('button', { name: '上传并设置列对应' }).click();
	await page.getByRole('button', { name: '开始导入' }).click();
	await expect(page.getByRole('heading', { name: '导入完成' })).toBeVisible();

	await page.goto('/questionnaires');
	await page.getByRole('button', { name: '用模板创建：汽车4S店售后服务回访' }).click();
	// The builder works in the browser: wait until it is interactive before typing and publishing.
	await expect(page.getByLabel('问卷标题')).toBeVisible();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('问卷标题').fill('邮件回访问卷');
	await page.getByRole('button', { name: '保存并发布' }).click();
	await expect(page.getByText('已发布第 1 版')).toBeVisible({ timeout: 30_000 });

	await page.goto('/campaigns/new');
	await page.getByLabel('活动名称').fill('邮件发送链接');
	await page.getByLabel('问卷', { exact: true }).selectOption({ label: '邮件回访问卷' });
	await page.getByLabel('行业').selectOption('邮件回访E2E');
	await page.getByLabel('回访时间').selectOption('30');
	await page.getByLabel('问卷链接（短信/邮件）').check();
	await page.getByRole('button', { name: '保存为草稿' }).click();
	await expect(page.getByRole('heading', { name: '邮件发送链接' })).toBeVisible();
	await page.getByRole('button', { name: '启动活动' }).click();
	await expect(page.getByText('进行中')).toBeVisible();

	await page.getByRole('link', { name: '通过邮件或短信发送链接，查看转化漏斗' }).click();
	await expect(page.getByRole('heading', { name: '链接发送与转化漏斗', level: 1 })).toBeVisible();
	await page.getByLabel('邮件', { exact: true }).check();
	await page.getByLabel('消息语言').selectOption('en');
	await page.getByLabel('几天后提醒').fill('0');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('请输入 1 到 60 天，留空表示不提醒。')).toBeVisible();
	await page.getByLabel('几天后提醒').fill('3');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存。');
	// The job runner sends due links every minute; the button does it at once.
	await page.getByRole('button', { name: '立即发送到期链接' }).click();
	await expect(page.getByRole('status')).toContainText('本次发送：');

	const mailTo = (address: string) => mail.mails.filter((m) => m.to.includes(address));
	await expect.poll(() => mailTo('jia@example.com').length + mailTo('yi@example.com').length).toBe(2);
	const jia = mailTo('jia@example.com')[0]!;
	expect(jia.from).toBe('care@example.com');
	expect(jia.subject).toBe('星河汽车 would like your feedback');
	expect(jia.text).toContain('Dear 邮件甲,');
	const jiaLink = linkIn(jia.text);
	expect(jia.html).toContain(`<a href="${jiaLink}">`);
	const yiLink = linkIn(mailTo('yi@example.com')[0]!.text);

	// 邮件甲 opens the link on a phone and leaves; 邮件乙 answers.
	const phone = await newPage(browser, PHONE_WITHOUT_JS);
	await phone.goto(jiaLink);
	await expect(phone.getByRole('heading', { name: '邮件回访问卷' })).toBeVisible();
	await phone.goto(yiLink);
	for (const q of [/及时接待/, /维修前是否向您说明/, /一次修复/, /约定的时间交车/, /配件是否有现货/, /服务人员的态度/]) {
		await phone.getByRole('group', { name: q }).getByLabel('是').check();
	}
	await phone.getByRole('group', { name: /满意程度/ }).getByLabel('5', { exact: true }).check();
	await phone.getByRole('group', { name: /推荐/ }).getByLabel('10', { exact: true }).check();
	await phone.getByRole('button', { name: '提交' }).click();
	await expect(phone.getByRole('heading', { name: '提交成功' })).toBeVisible();
	await phone.context().close();

	await page.reload();
	const funnel = page.getByRole('table', { name: '转化漏斗' });
	await expect(funnel.getByRole('row', { name: /^已发送 2 / })).toBeVisible();
	await expect(funnel.getByRole('row', { name: '已打开 2 100 % 100 %' })).toBeVisible();
	await expect(funnel.getByRole('row', { name: '已开始 1 50 % 50 %' })).toBeVisible();
	await expect(funnel.getByRole('row', { name: '已作答 1 50 % 100 %' })).toBeVisible();
	await expect(page.getByRole('row', { name: /邮件甲 jia@example.com 邮件 · 邀请 已发送/ })).toBeVisible();
	// Each customer got one e-mail, however many times the runner and the button ran.
	expect(mailTo('jia@example.com')).toHaveLength(1);
	await expectNoAxeViolations(page);

	await page.goto(page.url().split('?')[0] + '?lang=en');
	await expect(page.getByRole('heading', { name: 'Link delivery and funnel', level: 1 })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Funnel' }).getByRole('row', { name: /^Answered 1 / })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/campaigns?lang=zh-CN');
});
