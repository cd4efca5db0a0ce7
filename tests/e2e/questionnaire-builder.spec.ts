import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { admin, login, newPage, PHONE_WITHOUT_JS } from './session';

/**
 * The analyst builds a questionnaire of every kind from a blank page using only
 * the keyboard, with a "why?" branch and an end rule; the customer answers it on
 * a phone without JavaScript, with and without the branch.
 */
test.describe.configure({ mode: 'serial' });

let editorUrl = '';
let publicLink = '';

/** Keyboard only: focus the control the way Tab would, then press. */
async function press(target: Locator, key = 'Enter') {
	await target.focus();
	await target.page().keyboard.press(key);
}

/** Types into a field from the keyboard (insertText is how an IME delivers Chinese). */
async function typeInto(target: Locator, text: string) {
	await target.focus();
	await target.page().keyboard.press('ControlOrMeta+A');
	await target.page().keyboard.insertText(text);
}

/** Question n of the builder; its region is named "问题 n · <kind>". */
const question = (page: Page, n: number, kind?: string) =>
	page.getByRole('region', { name: kind ? `问题 ${n} · ${kind}` : new RegExp(`^问题 ${n} · `) });

async function addQuestion(page: Page, kind: string, zh: string, en: string) {
	await press(page.getByRole('button', { name: `+ ${kind}` }));
	// The new question's first field has the focus: type straight away, Tab to English.
	await page.keyboard.insertText(zh);
	await page.keyboard.press('Tab');
	await page.keyboard.type(en);
}

async function options(page: Page, n: number, texts: [string, string][]) {
	for (const [i, [zh, en]] of texts.entries()) {
		if (i >= 2) await press(question(page, n).getByRole('button', { name: '添加选项' }));
		await typeInto(page.getByLabel(`问题 ${n} · 选项 ${i + 1} (中文)`), zh);
		await typeInto(page.getByLabel(`问题 ${n} · 选项 ${i + 1} (英文)`), en);
	}
}

async function openLogic(page: Page, n: number, kind: string) {
	const details = question(page, n, kind).locator('details');
	if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await press(details.locator('summary'));
}

test('analyst builds every question kind from a blank page by keyboard only', async ({ page }) => {
	await login(page, admin);
	await page.goto('/questionnaires');
	await press(page.getByRole('button', { name: '新建空白问卷' }));
	await expect(page.getByLabel('问卷标题')).toHaveValue('未命名问卷');
	await page.waitForLoadState('networkidle');
	editorUrl = page.url();
	await typeInto(page.getByLabel('问卷标题'), '门店体验回访');

	await addQuestion(page, '说明文字', '以下问题关于您最近一次到店。', 'These questions are about your last visit.');
	await addQuestion(page, '单选', '您最近一个月到过门店吗？', 'Did you visit a store last month?');

	// Publishing now is refused, and every problem links to its question.
	await press(page.getByRole('button', { name: '保存并发布' }));
	const problems = page.getByRole('region', { name: /发布前需要处理的问题/ });
	await expect(problems.getByRole('link', { name: '第 2 题：此项为必填。' }).first()).toBeVisible();
	await expect(page.getByText('尚未发布。')).toBeVisible();
	await expectNoAxeViolations(page);
	await press(problems.getByRole('link', { name: '第 2 题：此项为必填。' }).first());
	await expect(question(page, 2, '单选').getByRole('heading')).toBeFocused();

	await options(page, 2, [['到过', 'Yes'], ['没有', 'No']]);
	// End rule: "no visit" ends the questionnaire at once.
	await openLogic(page, 2, '单选');
	await press(question(page, 2, '单选').getByRole('group', { name: /结束问卷/ }).getByRole('checkbox', { name: '没有' }), 'Space');

	await addQuestion(page, '关键问题（是/否）', '服务人员是否准时到达？', 'Did the technician arrive on time?');
	await typeInto(page.getByLabel('问题 3 · 坐席念读话术 (中文)'), '请问我们的服务人员是否准时到达？');
	await typeInto(page.getByLabel('问题 3 · 坐席念读话术 (英文)'), 'Did our technician arrive on time?');
	await typeInto(page.getByLabel('问题 3 · 客户答“否”时的应对话术 (中文)'), '非常抱歉，我们会安排主管跟进。');
	await typeInto(page.getByLabel('问题 3 · 客户答“否”时的应对话术 (英文)'), 'We are sorry; a supervisor will follow up.');
	await press(page.getByRole('button', { name: '添加追问：答“否”时问原因' }));
	await expect(question(page, 4, '开放意见')).toBeVisible();
	await expect(page.getByLabel('问题 4 · 何时显示')).toHaveValue(/key_1/);

	await addQuestion(page, '满意度 1–5', '您对本次服务满意吗？', 'How satisfied are you with the service?');
	await openLogic(page, 5, '满意度 1–5');
	await press(question(page, 5, '满意度 1–5').getByRole('button', { name: '添加帮助说明' }));
	await typeInto(page.getByLabel('问题 5 · 帮助说明 (中文)'), '1 = 非常不满意，5 = 非常满意');
	await typeInto(page.getByLabel('问题 5 · 帮助说明 (英文)'), '1 = very dissatisfied, 5 = very satisfied');
	await addQuestion(page, '推荐意愿 0–10', '您会向朋友推荐我们吗？', 'Would you recommend us?');
	await press(page.getByRole('checkbox', { name: '问题 6 · 必答' }), 'Space');
	await addQuestion(page, '多选', '哪些方面需要改进？', 'What should we improve?');
	await options(page, 7, [['速度', 'Speed'], ['价格', 'Price'], ['态度', 'Attitude']]);
	await press(question(page, 7, '多选').getByRole('checkbox', { name: '提供“其他（请注明）”' }), 'Space');
	await addQuestion(page, '开放意见', '还有其他建议吗？', 'Anything else?');

	// Reorder from the keyboard: Alt+↑ moves the question, Alt+↓ moves it back.
	await press(page.getByLabel('问题 6 · 题目 (中文)'), 'Alt+ArrowUp');
	await expect(question(page, 5, '推荐意愿 0–10')).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: '第 6 题已移到第 5 位。' })).toBeAttached();
	await press(page.getByLabel('问题 5 · 题目 (中文)'), 'Alt+ArrowDown');
	await expect(question(page, 6, '推荐意愿 0–10')).toBeVisible();

	// Delete, then undo: the question comes back where it was, with its text.
	await press(page.getByRole('button', { name: '删除第 8 题' }));
	await expect(question(page, 8, '开放意见')).toHaveCount(0);
	await expect(page.getByRole('button', { name: '撤销删除' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('问题 8 · 题目 (中文)')).toHaveValue('还有其他建议吗？');

	// The preview shows the customer's page, branches included, and the agent's script.
	const preview = page.getByRole('region', { name: '预览' });
	await expect(preview.getByRole('group', { name: /能告诉我们原因吗/ })).toBeHidden();
	await press(preview.getByRole('group', { name: /服务人员是否准时到达/ }).getByLabel('否'), 'Space');
	await expect(preview.getByRole('group', { name: /能告诉我们原因吗/ })).toBeVisible();
	await press(preview.getByRole('button', { name: '坐席脚本' }));
	await expect(preview.getByText('请问我们的服务人员是否准时到达？')).toBeVisible();
	await expect(preview.getByText('非常抱歉，我们会安排主管跟进。')).toBeVisible();
	await expect(preview.getByText('仅当第 3 题回答为 否 时询问')).toBeVisible();

	await expect(problems.getByText('没有问题，可以发布。')).toBeVisible();
	await expectNoAxeViolations(page);
	await press(page.getByRole('button', { name: '保存并发布' }));
	await expect(page.getByText('已发布第 1 版')).toBeVisible();
	publicLink = (await page.getByTestId('public-link').textContent()) ?? '';
	expect(publicLink).toMatch(/\/s\/[a-z0-9]+$/);
});

test('the draft autosaves: a reload keeps an edit nobody clicked save for', async ({ page }) => {
	await login(page, admin);
	await page.goto(editorUrl, { waitUntil: 'networkidle' });
	await typeInto(page.getByLabel('问题 8 · 题目 (中文)'), '还有什么想告诉我们的吗？');
	await expect(page.getByRole('status').filter({ hasText: '有未保存的修改' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: '所有修改已保存' })).toBeVisible();
	await page.reload({ waitUntil: 'networkidle' });
	await expect(page.getByLabel('问题 8 · 题目 (中文)')).toHaveValue('还有什么想告诉我们的吗？');
});

test('questions reorder by dragging their handle', async ({ page }) => {
	await login(page, admin);
	await page.goto(editorUrl, { waitUntil: 'networkidle' });
	// Dropped on the lower edge of the question above, the part in view while dragging.
	async function dragOnto(from: number, to: number) {
		const box = (await question(page, to).boundingBox())!;
		await question(page, from)
			.getByRole('img', { name: '拖动以调整顺序' })
			.dragTo(question(page, to), { targetPosition: { x: 100, y: box.height - 15 } });
	}
	await dragOnto(8, 7);
	await expect(question(page, 7, '开放意见')).toBeVisible();
	await expect(question(page, 8, '多选')).toBeVisible();
	await dragOnto(8, 7);
	await expect(question(page, 7, '多选')).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: '所有修改已保存' })).toBeVisible();
});

test('the branched survey passes axe with the branch and the "other" text open', async ({ browser }) => {
	// axe needs JavaScript to run; the page is server-rendered without any, so the markup is the same.
	const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	await page.goto(publicLink);
	await page.getByRole('group', { name: /准时到达/ }).getByLabel('否').check();
	await page.getByRole('group', { name: /改进/ }).getByLabel('其他').check();
	await expect(page.getByRole('group', { name: /能告诉我们原因吗/ })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.context().close();
});

test('customer answers with the why-branch, without it, and past the end rule, without JavaScript', async ({ browser }) => {
	// Three customers, each on a phone of their own (a browser answers an open link once).
	let page = await newPage(browser, PHONE_WITHOUT_JS);
	const group = (name: RegExp) => page.getByRole('group', { name });
	const why = () => group(/能告诉我们原因吗/);
	async function nextCustomer() {
		await page.context().close();
		page = await newPage(browser, PHONE_WITHOUT_JS);
		await page.goto(publicLink);
	}

	await page.goto(publicLink);
	await expect(page.getByText('以下问题关于您最近一次到店。')).toBeVisible();
	await expect(why()).toBeHidden();
	await group(/到过门店/).getByLabel('到过').check();
	await group(/准时到达/).getByLabel('否').check();
	await expect(why()).toBeVisible();
	await expect(group(/满意/).getByText('1 = 非常不满意，5 = 非常满意')).toBeVisible();
	await why().getByRole('textbox').fill('等了一个小时');
	await group(/满意吗/).getByLabel('2', { exact: true }).check();
	await group(/改进/).getByLabel('价格').check();
	await group(/改进/).getByLabel('其他').check();
	await expect(page.getByLabel('请注明')).toBeVisible();
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByText('选择了“其他”，请注明。')).toBeVisible();
	await expect(why().getByRole('textbox')).toHaveValue('等了一个小时');
	await page.getByLabel('请注明').fill('停车不方便');
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByRole('heading', { name: '提交成功' })).toBeVisible();

	// Without the branch: a "yes" never shows "why?", and it is not required.
	await nextCustomer();
	await group(/到过门店/).getByLabel('到过').check();
	await group(/准时到达/).getByLabel('是').check();
	await expect(why()).toBeHidden();
	await group(/满意吗/).getByLabel('5', { exact: true }).check();
	await group(/改进/).getByLabel('速度').check();
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByRole('heading', { name: '提交成功' })).toBeVisible();

	// The end rule: "no visit" hides everything after it, and nothing else is required.
	await nextCustomer();
	await group(/到过门店/).getByLabel('没有').check();
	await expect(group(/准时到达/)).toBeHidden();
	await expect(group(/改进/)).toBeHidden();
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByRole('heading', { name: '提交成功' })).toBeVisible();
	await page.context().close();
});

test('each response reads back against its version: the why-answer and "other" text kept, hidden questions absent', async ({ page }) => {
	await login(page, admin);
	await page.goto(editorUrl);
	await page.getByRole('link', { name: '答卷', exact: true }).click();
	await expect(page.getByText('共 3 份已提交的答卷。')).toBeVisible();
	await expectNoAxeViolations(page);
	const rows = page.getByRole('row');
	// Oldest last: the first customer answered "no" and explained why.
	await rows.last().getByRole('link').click();
	await expect(page.getByRole('heading', { name: '答卷详情' })).toBeVisible();
	await expect(page.getByText('等了一个小时')).toBeVisible();
	await expect(page.getByText('价格和其他：停车不方便')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goBack();
	await rows.nth(1).getByRole('link').click();
	await expect(page.getByText('您最近一个月到过门店吗？')).toBeVisible();
	await expect(page.getByText('没有', { exact: true })).toBeVisible();
	await expect(page.getByText('服务人员是否准时到达？')).toHaveCount(0);
});

test('the built questionnaire exports and imports back with its logic', async ({ page }) => {
	await login(page, admin);
	await page.goto(editorUrl, { waitUntil: 'networkidle' });
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: '导出 JSON（草稿）' }).click();
	const file = await (await downloading).path();
	const exported = JSON.parse(readFileSync(file, 'utf8'));
	expect(exported.definition.questions.map((q: { kind: string }) => q.kind)).toEqual([
		'section', 'single', 'key', 'text', 'rating', 'nps', 'multiple', 'text'
	]);

	// A dangling logic reference is reported, and nothing is saved.
	const broken = structuredClone(exported);
	broken.definition.questions[3].showIf.question = 'missing';
	await page.goto('/questionnaires');
	await page.getByLabel('问卷文件（JSON）').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
	await page.getByRole('button', { name: '导入' }).click();
	await expect(page.getByRole('alert').getByText('definition.questions.3.showIf.question')).toBeVisible();
	await expect(page.getByRole('alert').getByText('显示条件引用的题目不存在。')).toBeVisible();

	await page.getByLabel('问卷文件（JSON）').setInputFiles(file);
	await page.getByRole('button', { name: '导入' }).click();
	await expect(page.getByLabel('问卷标题')).toHaveValue('门店体验回访');
	await expect(page.getByLabel('问题 4 · 何时显示')).toHaveValue(/key_1/);
	await expect(page.getByRole('region', { name: /发布前需要处理的问题/ }).getByText('没有问题，可以发布。')).toBeVisible();
});

test('the open link takes one response per browser and a limited number per network an hour', async ({ browser, page: analyst }) => {
	const customer = await newPage(browser, PHONE_WITHOUT_JS);
	await customer.goto(publicLink);
	await customer.getByRole('group', { name: /到过门店/ }).getByLabel('没有').check();
	await customer.getByRole('button', { name: '提交' }).click();
	await expect(customer.getByRole('heading', { name: '提交成功' })).toBeVisible();
	await customer.goto(publicLink);
	await expect(customer.getByText('您已经提交过这份问卷，感谢您的反馈！')).toBeVisible();
	await expect(customer.getByRole('button', { name: '提交' })).toHaveCount(0);
	await customer.context().close();

	// Four responses came from this network in the past hour: a limit of 4 refuses the fifth.
	await login(analyst, admin);
	await analyst.goto(editorUrl, { waitUntil: 'networkidle' });
	async function setHourlyLimit(n: string) {
		await analyst.getByLabel('每个网络每小时最多提交份数（0 = 不限）').fill(n);
		const saved = analyst.waitForResponse((r) => r.url().includes('?/linkLimits'));
		await analyst.getByRole('button', { name: '保存设置' }).click();
		await saved;
		await expect(analyst.getByText('设置已保存。')).toBeVisible();
	}
	await setHourlyLimit('4');

	const another = await newPage(browser, PHONE_WITHOUT_JS);
	await another.goto(publicLink);
	await another.getByRole('group', { name: /到过门店/ }).getByLabel('没有').check();
	await another.getByRole('button', { name: '提交' }).click();
	await expect(another.getByText('您所在的网络在一小时内提交次数过多，请稍后再试。')).toBeVisible();
	await expect(another.getByRole('group', { name: /到过门店/ }).getByLabel('没有')).toBeChecked();

	await setHourlyLimit('0');
	await another.getByRole('button', { name: '提交' }).click();
	await expect(another.getByRole('heading', { name: '提交成功' })).toBeVisible();
	await another.context().close();
});

test('a customer saves the answers so far and continues later on the same phone', async ({ browser }) => {
	const page = await newPage(browser, PHONE_WITHOUT_JS);
	const group = (name: RegExp) => page.getByRole('group', { name });
	await page.goto(publicLink);
	await expect(page.getByText('已回答')).toBeVisible();
	await group(/到过门店/).getByLabel('到过').check();
	await group(/准时到达/).getByLabel('否').check();
	await group(/能告诉我们原因吗/).getByRole('textbox').fill('排队太久');
	await page.getByRole('button', { name: '保存，稍后继续' }).click();
	await expect(page.getByText('已保存您目前的回答。稍后再次打开此链接即可继续作答。')).toBeVisible();

	await page.goto('about:blank');
	await page.goto(publicLink);
	await expect(group(/到过门店/).getByLabel('到过')).toBeChecked();
	await expect(group(/准时到达/).getByLabel('否')).toBeChecked();
	await expect(group(/能告诉我们原因吗/).getByRole('textbox')).toHaveValue('排队太久');
	await group(/满意吗/).getByLabel('3', { exact: true }).check();
	await group(/改进/).getByLabel('速度').check();
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByRole('heading', { name: '提交成功' })).toBeVisible();
	await page.goto(publicLink);
	await expect(page.getByText('您已经提交过这份问卷，感谢您的反馈！')).toBeVisible();
	await page.context().close();
});
