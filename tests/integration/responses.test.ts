import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { KEY_IDS, num, publishedQuestionnaire, yes } from './fixtures';
import type { Db } from '$lib/server/db';
import { latestVersion } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: link responses`, () => {
		let db: Db;
		let questionnaireId: string;
		let versionId: string;
		beforeAll(async () => {
			db = await dialect.open();
			questionnaireId = (await publishedQuestionnaire(db)).id;
			versionId = (await latestVersion(db, questionnaireId))!.versionId;
		});
		afterAll(async () => {
			await db.destroy();
		});

		const answers = [...KEY_IDS.map((id) => yes(id)), num('overall_satisfaction', 5)];

		it('stores one response for 20 concurrent submissions of the same page', async () => {
			const submissionId = crypto.randomUUID();
			const results = await Promise.all(
				Array.from({ length: 20 }, () => submitWebResponse(db, { questionnaireId, versionId, submissionId, answers }))
			);
			expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
			const rows = await db.selectFrom('responses').select(['id', 'channel', 'status']).where('submission_id', '=', submissionId).execute();
			expect(rows).toEqual([{ id: expect.any(String), channel: 'web', status: 'completed' }]);
			const stored = await db.selectFrom('answers').selectAll().where('response_id', '=', rows[0]!.id).execute();
			expect(stored).toHaveLength(answers.length);
		});

		it('keeps answers in typed columns', async () => {
			const submissionId = crypto.randomUUID();
			await submitWebResponse(db, {
				questionnaireId,
				versionId,
				submissionId,
				answers: [yes('received_promptly', false), num('recommend', 10), { questionId: 'comment', yesNo: null, number: null, choices: null, text: '<script>x</script>' }]
			});
			const rows = await db
				.selectFrom('answers')
				.innerJoin('responses', 'responses.id', 'answers.response_id')
				.select(['question_id', 'yes_no', 'number', 'text'])
				.where('responses.submission_id', '=', submissionId)
				.orderBy('question_id')
				.execute();
			expect(rows).toEqual([
				{ question_id: 'comment', yes_no: null, number: null, text: '<script>x</script>' },
				{ question_id: 'received_promptly', yes_no: false, number: null, text: null },
				{ question_id: 'recommend', yes_no: null, number: 10, text: null }
			]);
		});

		it('writes nothing when an answer row is refused', async () => {
			const submissionId = crypto.randomUUID();
			const twoValues = { questionId: 'received_promptly', yesNo: true, number: 3, choices: null, text: null };
			await expect(submitWebResponse(db, { questionnaireId, versionId, submissionId, answers: [twoValues] })).rejects.toThrow();
			expect(await db.selectFrom('responses').select('id').where('submission_id', '=', submissionId).execute()).toEqual([]);
		});
	});
}
