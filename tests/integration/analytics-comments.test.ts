import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import type { Db } from '$lib/server/db';
import { commentsPage, commentTerms } from '$lib/server/analytics/comments';
import { latestVersion } from '$lib/server/questionnaires/service';
import { recordInRollups } from '$lib/server/analytics/rollups';
import { addDays, todayIn } from '$lib/domain/scheduling/dates';
import { OTHER } from '$lib/domain/questionnaire/definition';
import type { Filters } from '$lib/domain/analytics/filters';
import { COMMENTS_PAGE_SIZE } from '$lib/domain/analytics/comments';
import { analyticsSlices, storeResponse, type GeneratedResponse, type Slices } from './analytics-data';
import { publishedLogicQuestionnaire } from './fixtures';

const TZ = 'Asia/Shanghai';
const BASE = new Date('2026-11-30T04:00:00Z');
const TODAY = todayIn(TZ, BASE);
const ALL: Filters = { from: null, to: null, statuses: ['completed', 'partial'] };

const response = (over: Partial<GeneratedResponse>): GeneratedResponse => ({
	day: 0,
	hour: 1,
	phone: false,
	partial: false,
	version: 0,
	campaign: -1,
	agent: -1,
	contact: -1,
	keys: [true, true, true, true, true, true],
	rating: 5,
	nps: 10,
	comment: null,
	...over
});

const texts = (rows: { text: string }[]) => rows.map((r) => r.text);

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: analytics comments`, () => {
		let db: Db;
		let s: Slices;
		beforeAll(async () => {
			db = await dialect.open();
			s = await analyticsSlices(db);
			// Newest first: day 0 … day 5 back.
			await storeResponse(db, s, response({ day: 0, comment: '服务态度很好，等待时间太长' }), BASE);
			await storeResponse(db, s, response({ day: 1, phone: true, agent: 0, contact: 0, comment: '等待时间太长了' }), BASE);
			await storeResponse(db, s, response({ day: 2, contact: 1, campaign: 0, comment: '服务态度一般' }), BASE);
			await storeResponse(db, s, response({ day: 3, partial: true, comment: '100% 满意_真的' }), BASE);
			await storeResponse(db, s, response({ day: 4, comment: 'Waiting time too long' }), BASE);
			await storeResponse(db, s, response({ day: 5, comment: null }), BASE);
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('lists the filtered comments newest first, each with its response, question, channel and tier', async () => {
			const all = await commentsPage(db, s.questionnaireId, TZ, ALL, undefined, 1, 'zh-CN');
			expect(all.total).toBe(5);
			expect(all.more).toBe(false);
			expect(texts(all.rows)).toEqual(['服务态度很好，等待时间太长', '等待时间太长了', '服务态度一般', '100% 满意_真的', 'Waiting time too long']);
			expect(all.rows[1]).toMatchObject({ questionId: 'comment', question: '您还有什么意见或建议吗？', kind: 'comment', channel: 'phone', tier: 'A' });
			const stored = await db.selectFrom('responses').select('id').where('channel', '=', 'phone').executeTakeFirstOrThrow();
			expect(all.rows[1]!.responseId).toBe(stored.id);
			const en = await commentsPage(db, s.questionnaireId, TZ, ALL, undefined, 1, 'en');
			expect(en.rows[0]!.question).toBe('Anything else you would like to tell us?');

			// The analytics filters apply: completed only, phone, a campaign, a tier, a date range.
			const completed = await commentsPage(db, s.questionnaireId, TZ, { ...ALL, statuses: ['completed'] }, undefined, 1, 'zh-CN');
			expect(texts(completed.rows)).not.toContain('100% 满意_真的');
			expect(texts((await commentsPage(db, s.questionnaireId, TZ, { ...ALL, channel: 'phone' }, undefined, 1, 'zh-CN')).rows)).toEqual(['等待时间太长了']);
			expect(texts((await commentsPage(db, s.questionnaireId, TZ, { ...ALL, campaign: s.campaigns[0] }, undefined, 1, 'zh-CN')).rows)).toEqual(['服务态度一般']);
			expect(texts((await commentsPage(db, s.questionnaireId, TZ, { ...ALL, tier: 'B' }, undefined, 1, 'zh-CN')).rows)).toEqual(['服务态度一般']);
			const range = { ...ALL, from: addDays(TODAY, -2), to: addDays(TODAY, -1) };
			expect(texts((await commentsPage(db, s.questionnaireId, TZ, range, undefined, 1, 'zh-CN')).rows)).toEqual(['等待时间太长了', '服务态度一般']);
			const store = { ...ALL, attribute: { key: 'store', value: '浦东店' } };
			expect(texts((await commentsPage(db, s.questionnaireId, TZ, store, undefined, 1, 'zh-CN')).rows)).toEqual(['服务态度一般']);
		});

		it('searches case-insensitively, with % and _ taken literally', async () => {
			const search = async (q: string) => texts((await commentsPage(db, s.questionnaireId, TZ, ALL, q, 1, 'zh-CN')).rows);
			expect(await search('等待时间')).toEqual(['服务态度很好，等待时间太长', '等待时间太长了']);
			expect(await search('WAITING')).toEqual(['Waiting time too long']);
			expect(await search('%')).toEqual(['100% 满意_真的']);
			expect(await search('_')).toEqual(['100% 满意_真的']);
			expect(await search('0%满')).toEqual([]);
			expect(await search('没有这句')).toEqual([]);
		});

		it('counts frequent words and phrases of the same filtered comments', async () => {
			const terms = await commentTerms(db, s.questionnaireId, TZ, ALL, undefined);
			expect(terms.comments).toBe(5);
			expect(terms.words.find((w) => w.term === '服务')?.count).toBe(2);
			expect(terms.words.find((w) => w.term === '等待')?.count).toBe(2);
			expect(terms.phrases).toEqual(
				expect.arrayContaining([
					{ term: '服务态度', label: '服务 态度', count: 2 },
					{ term: '等待时间', label: '等待 时间', count: 2 }
				])
			);
			// Each term's count is what a search for it lists.
			for (const t of [...terms.words, ...terms.phrases]) {
				const listed = await commentsPage(db, s.questionnaireId, TZ, ALL, t.term, 1, 'zh-CN');
				expect(listed.total, t.term).toBeGreaterThanOrEqual(t.count);
			}
			const phone = await commentTerms(db, s.questionnaireId, TZ, { ...ALL, channel: 'phone' }, undefined);
			expect(phone.comments).toBe(1);
			expect(phone.words.map((w) => w.term)).toEqual(['太长', '时间', '等待']);
		});

		it('pages the list', async () => {
			for (let i = 0; i < COMMENTS_PAGE_SIZE; i++) await storeResponse(db, s, response({ day: 10, hour: i % 24, comment: `第${i}条` }), BASE);
			const first = await commentsPage(db, s.questionnaireId, TZ, ALL, undefined, 1, 'zh-CN');
			const second = await commentsPage(db, s.questionnaireId, TZ, ALL, undefined, 2, 'zh-CN');
			expect(first.total).toBe(COMMENTS_PAGE_SIZE + 5);
			expect(first.rows).toHaveLength(COMMENTS_PAGE_SIZE);
			expect(second.rows).toHaveLength(5);
			expect(new Set([...texts(first.rows), ...texts(second.rows)]).size).toBe(COMMENTS_PAGE_SIZE + 5);
		});

		it('names "why" and "other" texts', async () => {
			const { id: questionnaireId } = await publishedLogicQuestionnaire(db);
			const versionId = (await latestVersion(db, questionnaireId))!.versionId;
			await db.transaction().execute(async (trx) => {
				const { id } = await trx
					.insertInto('responses')
					.values({ questionnaire_id: questionnaireId, version_id: versionId, channel: 'web', submission_id: crypto.randomUUID(), status: 'completed', started_at: BASE, submitted_at: BASE })
					.returning('id')
					.executeTakeFirstOrThrow();
				await trx
					.insertInto('answers')
					.values([
						{ response_id: id, question_id: 'on_time', yes_no: false },
						{ response_id: id, question_id: 'why_late', text: '配件没到' },
						{ response_id: id, question_id: 'channel', choices: [OTHER], text: '朋友介绍' }
					])
					.execute();
				await recordInRollups(trx, id);
			});
			const page = await commentsPage(db, questionnaireId, TZ, ALL, undefined, 1, 'zh-CN');
			expect(page.rows.map((r) => [r.questionId, r.kind, r.text])).toEqual([
				['channel', 'other', '朋友介绍'],
				['why_late', 'why', '配件没到']
			]);
		});
	});
}
