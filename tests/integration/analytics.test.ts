import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { KEY_IDS, makeUser, num, publishedQuestionnaire, yes } from './fixtures';
import type { Db } from '$lib/server/db';
import { latestVersion } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';
import { answerQuestion, finishCall, giveConsent, startCall } from '$lib/server/calls/service';
import { questionnaireAnalytics } from '$lib/server/analytics/service';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: analytics`, () => {
		let db: Db;
		let questionnaireId: string;
		beforeAll(async () => {
			db = await dialect.open();
			questionnaireId = (await publishedQuestionnaire(db)).id;
			const versionId = (await latestVersion(db, questionnaireId))!.versionId;
			// Three link responses: the first says no to reception (service) and charges (price).
			const web = [
				[yes('received_promptly', false), yes('charges_explained', false), num('overall_satisfaction', 2), num('recommend', 3)],
				[yes('received_promptly'), yes('charges_explained'), num('overall_satisfaction', 5), num('recommend', 10)],
				[yes('received_promptly'), yes('charges_explained'), num('overall_satisfaction', 5), num('recommend', 9)]
			];
			for (const answers of web) {
				const rest = KEY_IDS.slice(2).map((id) => yes(id));
				await submitWebResponse(db, { questionnaireId, versionId, submissionId: crypto.randomUUID(), answers: [...answers, ...rest] });
			}
			// One phone call: no on parts (supply), everything else yes, satisfaction 4, recommend 8.
			const agentId = await makeUser(db, 'agent');
			const call = (await startCall(db, { questionnaireId, agentId, customerName: '李女士', customerPhone: '13900000000' }))!;
			await giveConsent(db, call, agentId);
			for (const q of KEY_IDS) await answerQuestion(db, call, agentId, q, q === 'parts_in_stock' ? 'no' : 'yes');
			await answerQuestion(db, call, agentId, 'overall_satisfaction', '4');
			await answerQuestion(db, call, agentId, 'recommend', '8');
			await finishCall(db, call, agentId, 'completed', null);
			// A call in progress does not count.
			const open = (await startCall(db, { questionnaireId, agentId, customerName: '王', customerPhone: '13700000000' }))!;
			await giveConsent(db, open, agentId);
			await answerQuestion(db, open, agentId, 'received_promptly', 'no');
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('counts submitted responses by channel', async () => {
			const a = (await questionnaireAnalytics(db, questionnaireId, 'Asia/Shanghai'))!;
			expect(a.channels).toEqual({ web: { completed: 3, partial: 0 }, phone: { completed: 1, partial: 0 } });
			expect(a.responses).toBe(4);
		});

		it('computes the yes-rate of every key question', async () => {
			const a = (await questionnaireAnalytics(db, questionnaireId, 'Asia/Shanghai'))!;
			const rates = Object.fromEntries(a.keyQuestions.map((k) => [k.id, [k.yes, k.total]]));
			expect(rates).toEqual({
				received_promptly: [3, 4],
				charges_explained: [3, 4],
				fixed_first_time: [4, 4],
				delivered_on_time: [4, 4],
				parts_in_stock: [3, 4],
				staff_courteous: [4, 4]
			});
			expect(a.keyQuestions[0]!.rate).toBe(0.75);
		});

		it('splits "no" answers by churn cause', async () => {
			const a = (await questionnaireAnalytics(db, questionnaireId, 'Asia/Shanghai'))!;
			const byCause = Object.fromEntries(a.churn.map((c) => [c.cause, c.noCount]));
			expect(byCause).toEqual({ service: 1, quality: 0, price: 1, supply: 1, other: 0 });
			// Pareto order: largest first, ties in the causes' order; the cumulative line ends at 100 %.
			expect(a.churn.map((c) => c.cause)).toEqual(['service', 'price', 'supply', 'quality', 'other']);
			expect(a.churn.at(-1)!.cumulative).toBe(1);
			expect(a.churn.find((c) => c.cause === 'price')!.share).toBeCloseTo(1 / 3);
		});

		it('gives a daily trend of satisfaction, NPS and yes-rate', async () => {
			const a = (await questionnaireAnalytics(db, questionnaireId, 'Asia/Shanghai'))!;
			expect(a.trend.grain).toBe('day');
			expect(a.trend.points).toHaveLength(1);
			const [day] = a.trend.points;
			expect(day!.responses).toBe(4);
			expect(day!.satisfaction!.value).toBe(4); // (2 + 5 + 5 + 4) / 4
			expect(day!.nps!.value).toBe(25); // promoters 10, 9; detractor 3; passive 8
			expect(day!.yesRate!.value).toBeCloseTo(21 / 24);
		});

		it('knows nothing of an unpublished questionnaire', async () => {
			expect(await questionnaireAnalytics(db, crypto.randomUUID(), 'Asia/Shanghai')).toBeNull();
		});
	});
}
