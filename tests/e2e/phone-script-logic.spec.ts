import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { admin, login, newPage } from './session';

/**
 * The phone script with logic and every question kind, keyboard only. Runs after
 * callback-slice.spec.ts (file order), which creates the admin, the agent and the
 * company name; the questionnaire comes in through the JSON import, as an analyst's would.
 */
test.describe.configure({ mode: 'serial' });

const agent = { username: 'agent1024', password: 'agent password 1' };
const fixture = fileURLToPath(new URL('./fixtures/phone-script-logic.json', import.meta.url));
const title = '保养回访（分支逻辑）';

async function signedIn(browser: Browser, who: { username: string; password: string }): Promise<Page> {
	const page = await newPage(browser);
	await login(page, who);
	return page;
}

test('an analyst imports a questionnaire with logic and choice questions, and publishes it', async ({ browser }) => {
	const page = await signedIn(browser, admin);
	await page.goto('/questionnaires');
	await page.getByLabel('问卷文件（JSON）').setInputFiles(fixture);
	await page.getByRole('button', { name: '导入' }).click();
	await expect(page.getByRole('heading', { name: title })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: /^(保存并)?发布$/ }).click();
	await expect(page.getByText('已发布第 1 版')).toBeVisible();
	await page.context().close();
});

test('an agent runs the call by keyboard: sections, "why?" after a "no", choices with "other", an end rule', async ({ browser }) => {
	const page = await signedIn(browser, agent);
	await expect(page).toHaveURL(/\/calls$/);
	await page.getByLabel('问卷', { exact: true }).selectOption({ label: title });
	await page.getByLabel('客户称呼').focus();
	await page.keyboard.type('王女士');
	await page.keyboard.press('Tab');
	await page.keyboard.type('139 0013 9000');
	await page.keyboard.press('Enter');
	const script = page.locator('.script[data-ready="true"]');
	await expect(script).toBeVisible();
	const progress = (n: number, total: number) => page.getByText(`第 ${n} / ${total} 题`);
	const answered = (text: string) => page.getByText(`已记录的回答：${text}`);

	// The section is read out; it has no number and nothing to answer.
	await page.keyboard.press('y');
	await expect(page.getByText('说明（请念给客户听）')).toBeVisible();
	await expect(page.getByRole('heading', { name: '接下来想了解一下您这次保养的情况。' })).toBeVisible();
	await expect(page.getByText('语气自然即可，不必逐字念。')).toBeVisible();
	await expect(page.getByText(/第 \d+ \/ \d+ 题/)).toHaveCount(0);
	await page.keyboard.press('Enter');

	// Key question, piped, with its help; a "no" adds the "why?" question.
	await expect(progress(1, 6)).toBeVisible();
	await expect(page.getByRole('heading', { name: '王女士，请问服务人员是否准时接待了您？' })).toBeVisible();
	await expect(page.getByText('只需回答是或否。')).toBeVisible();
	await page.keyboard.press('n');
	await expect(progress(1, 7)).toBeVisible();
	await expect(page.getByText('应对话术（请念给客户听）')).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(progress(2, 7)).toBeVisible();
	await expect(page.getByRole('heading', { name: '大约等了多久？发生了什么？' })).toBeVisible();
	await page.keyboard.type('等了一个小时');
	await page.keyboard.press('Enter');

	// Single choice: numbered options (texts piped); "other" opens a field for the customer's words.
	await expect(progress(3, 7)).toBeVisible();
	await expect(page.getByText('包括星河汽车的电话和 App。')).toBeVisible();
	const options = page.getByRole('group', { name: '您是通过什么方式预约的？' });
	await expect(options.getByRole('button')).toHaveText([/^1\s*电话预约$/, /^2\s*星河汽车 App$/, /^3\s*直接到店$/, /^4\s*其他$/]);
	await expectNoAxeViolations(page);
	await page.keyboard.press('4');
	const otherText = page.getByLabel('客户说的“其他”内容');
	await expect(otherText).toBeFocused();
	await page.keyboard.type('朋友推荐');
	await page.keyboard.press('Enter');

	// Multiple choice: numbers tick, Enter records the set with the other text.
	await expect(progress(4, 7)).toBeVisible();
	await page.keyboard.press('2');
	await expect(page.getByRole('checkbox', { name: '价格' })).toBeChecked();
	await page.keyboard.press('1');
	await page.keyboard.press('1');
	await expect(page.getByRole('checkbox', { name: '等待时间' })).not.toBeChecked();
	await page.keyboard.press('4');
	await expect(page.getByRole('checkbox', { name: '其他' })).toBeChecked();
	await expect(otherText).toBeFocused();
	await page.keyboard.type('停车难');
	await expectNoAxeViolations(page);
	await page.keyboard.press('Enter');

	// A reload resumes on the same question; ← shows what was recorded.
	await expect(progress(5, 7)).toBeVisible();
	await page.reload();
	await expect(script).toBeVisible();
	await expect(progress(5, 7)).toBeVisible();
	await page.keyboard.press('ArrowLeft');
	await expect(answered('价格和其他：停车难')).toBeVisible();
	await expect(page.getByRole('checkbox', { name: '价格' })).toBeChecked();
	await expect(otherText).toHaveValue('停车难');
	await page.keyboard.press('Enter');

	// The end rule: no time left goes straight to the recap, which lists only what was asked.
	await expect(progress(5, 7)).toBeVisible();
	await page.keyboard.press('2');
	await expect(page.getByRole('heading', { name: '回顾与结束' })).toBeVisible();
	const recap = page.getByRole('list').filter({ hasText: '服务人员是否准时接待了您' });
	await expect(recap.getByRole('listitem')).toHaveCount(5);
	await expect(recap).toContainText('等了一个小时');
	await expect(recap).toContainText('其他：朋友推荐');
	await expect(recap).not.toContainText('推荐给朋友');

	// Back to the "no": ← retraces the questions asked; Tab leaves the text field first.
	await page.keyboard.press('ArrowLeft');
	await expect(progress(5, 5)).toBeVisible();
	await expect(page.getByRole('button', { name: '没有时间' })).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.press('ArrowLeft');
	await expect(progress(4, 5)).toBeVisible();
	await page.keyboard.press('ArrowLeft');
	await expect(progress(3, 5)).toBeVisible();
	await expect(page.getByRole('button', { name: '其他', exact: true })).toHaveAttribute('aria-pressed', 'true');
	await expect(otherText).toHaveValue('朋友推荐');
	await page.keyboard.press('ArrowLeft');
	await expect(progress(2, 5)).toBeVisible();
	await page.keyboard.press('Tab');
	await page.keyboard.press('ArrowLeft');
	await expect(progress(1, 5)).toBeVisible();

	// "Yes" now: "why?" is skipped and its answer no longer counts.
	await page.keyboard.press('y');
	await expect(progress(2, 4)).toBeVisible();
	await expect(answered('其他：朋友推荐')).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(progress(3, 4)).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(progress(4, 4)).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: '回顾与结束' })).toBeVisible();
	await expect(recap.getByRole('listitem')).toHaveCount(4);
	await expect(recap).not.toContainText('等了一个小时');
	// The required NPS question was never asked, so the call is complete.
	await expect(page.getByRole('radio', { name: /完成/ }).first()).toBeChecked();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: '通话已保存' })).toBeVisible();
	await page.context().close();
});
