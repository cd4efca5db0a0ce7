import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { makeUser } from './fixtures';
import type { Db } from '$lib/server/db';
import { parseSubmission } from '$lib/domain/questionnaire/answers';
import { withWhyFollowUp } from '$lib/domain/questionnaire/builder';
import { findTemplate } from '$lib/domain/templates';
import type { Definition } from '$lib/domain/questionnaire/definition';
import { createBlank, getQuestionnaire, latestVersion, publish, saveDraft } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';
import { questionnaireAnalytics } from '$lib/server/analytics/service';
import { getResponse, listResponses } from '$lib/server/responses/queries';
import { answerText } from '$lib/domain/questionnaire/answer-text';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A key question with a "why?" branch, a single choice that can end the questionnaire, and a multiple choice with "other". */
function branching(): Definition {
	const key = findTemplate('car-dealer-aftersales')!.definition.questions[0]!;
	const def: Definition = {
		schemaVersion: 1,
		intro: t('您好', 'Hello'),
		thanks: t('谢谢', 'Thanks'),
		questions: [
			{ id: 'visited', kind: 'single', required: true, allowOther: false, endIf: ['no_visit'], text: t('您最近到店了吗？', 'Did you visit?'),
				options: [{ id: 'yes_visit', text: t('到店了', 'Yes') }, { id: 'no_visit', text: t('没有', 'No') }] },
			key,
			{ id: 'improve', kind: 'multiple', required: true, allowOther: true, text: t('哪些方面需要改进？', 'What should improve?'),
				options: [{ id: 'speed', text: t('速度', 'Speed') }, { id: 'price', text: t('价格', 'Price') }] }
		]
	};
	return withWhyFollowUp(def, key.id);
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: choice answers and logic`, () => {
		let db: Db;
		let questionnaireId: string;
		let versionId: string;
		let definition: Definition;
		beforeAll(async () => {
			db = await dialect.open();
			const userId = await makeUser(db);
			questionnaireId = await createBlank(db, 'Branching', userId);
			const draft = await getQuestionnaire(db, questionnaireId);
			await saveDraft(db, questionnaireId, draft!.revision, { title: 'Branching', definition: branching() });
			expect(await publish(db, questionnaireId, userId)).toEqual({ number: 1 });
			const version = (await latestVersion(db, questionnaireId))!;
			versionId = version.versionId;
			definition = version.definition;
		});
		afterAll(async () => {
			await db.destroy();
		});

		async function submit(fields: Record<string, string[]>) {
			const parsed = parseSubmission(definition, fields);
			if (!parsed.ok) throw new Error(JSON.stringify(parsed));
			const submissionId = crypto.randomUUID();
			await submitWebResponse(db, { questionnaireId, versionId, submissionId, answers: parsed.answers });
			const response = await db.selectFrom('responses').select('id').where('submission_id', '=', submissionId).executeTakeFirstOrThrow();
			return db
				.selectFrom('answers')
				.select(['question_id', 'yes_no', 'choices', 'text'])
				.where('response_id', '=', response.id)
				.orderBy('question_id')
				.execute();
		}

		it('publishing a blank questionnaire with no questions is refused with the reason', async () => {
			const id = await createBlank(db, 'Empty', null);
			expect(await publish(db, id, null)).toEqual({ problems: [{ questionId: null, path: 'questions', problem: 'no_questions' }] });
		});

		it('stores the chosen ids together with the "other" text, and the why-answer after a no', async () => {
			const keyId = definition.questions[1]!.id;
			const whyId = definition.questions[2]!.id;
			const rows = await submit({
				q_visited: ['yes_visit'],
				[`q_${keyId}`]: ['no'],
				[`q_${whyId}`]: ['等了很久'],
				q_improve: ['other', 'speed'],
				'q_improve-other': ['停车']
			});
			expect(rows).toEqual(
				[
					{ question_id: 'improve', yes_no: null, choices: ['speed', 'other'], text: '停车' },
					{ question_id: keyId, yes_no: false, choices: null, text: null },
					{ question_id: whyId, yes_no: null, choices: null, text: '等了很久' },
					{ question_id: 'visited', yes_no: null, choices: ['yes_visit'], text: null }
				].sort((a, b) => a.question_id.localeCompare(b.question_id))
			);
		});

		it('drops a why-answer the logic hides, and stores nothing past an end rule', async () => {
			const keyId = definition.questions[1]!.id;
			const whyId = definition.questions[2]!.id;
			const yesRows = await submit({ q_visited: ['yes_visit'], [`q_${keyId}`]: ['yes'], [`q_${whyId}`]: ['changed my mind'], q_improve: ['price'] });
			expect(yesRows.map((r) => r.question_id).sort()).toEqual(['improve', keyId, 'visited'].sort());
			const ended = await submit({ q_visited: ['no_visit'], [`q_${keyId}`]: ['no'] });
			expect(ended).toEqual([{ question_id: 'visited', yes_no: null, choices: ['no_visit'], text: null }]);
		});

		it('counts each option among those who answered, in SQL', async () => {
			const analytics = (await questionnaireAnalytics(db, questionnaireId, 'Asia/Shanghai'))!;
			const counts = Object.fromEntries(
				analytics.choiceQuestions.map((q) => [q.id, { answered: q.answered, n: Object.fromEntries(q.options.map((o) => [o.id, o.n])) }])
			);
			expect(counts).toEqual({
				visited: { answered: 3, n: { yes_visit: 2, no_visit: 1 } },
				improve: { answered: 2, n: { speed: 1, price: 1, other: 1 } }
			});
			expect(analytics.choiceQuestions[1]!.options[0]!.share).toBe(0.5);
		});

		it('lists responses newest first and reads one back against its version', async () => {
			const { rows, total } = await listResponses(db, questionnaireId, 1);
			expect(total).toBe(3);
			expect(rows.map((r) => r.version)).toEqual([1, 1, 1]);
			const first = rows.at(-1)!;
			const response = (await getResponse(db, questionnaireId, first.id))!;
			const improve = response.definition.questions.find((q) => q.id === 'improve')!;
			const words = { yes: '是', no: '否', other: (text: string) => `其他：${text}`, list: (items: string[]) => items.join('、') };
			const optionText = (id: string) => ('options' in improve ? improve.options.find((o) => o.id === id)?.text['zh-CN'] : undefined);
			expect(answerText(response.answers.get('improve')!, optionText, words)).toBe('速度、其他：停车');
			expect(await getResponse(db, crypto.randomUUID(), first.id)).toBeNull();
		});

		it('refuses, in the schema, a row with two kinds of value', async () => {
			const response = await db.selectFrom('responses').select('id').executeTakeFirstOrThrow();
			await expect(
				db.insertInto('answers').values({ response_id: response.id, question_id: 'x', yes_no: true, choices: ['a'], text: 'b' }).execute()
			).rejects.toThrow();
		});
	});
}
