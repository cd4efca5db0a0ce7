import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { num, publishedQuestionnaire, yes } from './fixtures';
import type { Db } from '$lib/server/db';
import { latestVersion } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';
import { loadProgress, saveProgress } from '$lib/server/responses/progress';
import { listResponses } from '$lib/server/responses/queries';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: continue later`, () => {
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

		it('keeps the answers so far, replaces them on the next save, and completes on submit', async () => {
			const submissionId = crypto.randomUUID();
			const base = { questionnaireId, versionId, submissionId };
			expect(await loadProgress(db, versionId, submissionId)).toBeNull();
			expect(await saveProgress(db, { ...base, answers: [yes('received_promptly')] })).toBe(true);
			expect(await saveProgress(db, { ...base, answers: [yes('received_promptly', false), num('overall_satisfaction', 3)] })).toBe(true);
			expect(await loadProgress(db, versionId, submissionId)).toEqual([
				expect.objectContaining({ questionId: 'overall_satisfaction', number: 3 }),
				expect.objectContaining({ questionId: 'received_promptly', yesNo: false })
			]);
			// Kept answers are not a response yet: no list, no analytics.
			expect((await listResponses(db, questionnaireId, 1)).total).toBe(0);

			expect(await submitWebResponse(db, { ...base, answers: [yes('received_promptly'), num('overall_satisfaction', 5)] })).toEqual({ duplicate: false });
			const rows = await db.selectFrom('responses').select(['id', 'status', 'submitted_at']).where('submission_id', '=', submissionId).execute();
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ status: 'completed', submitted_at: expect.any(Date) });
			const answers = await db.selectFrom('answers').select(['question_id', 'yes_no', 'number']).where('response_id', '=', rows[0]!.id).orderBy('question_id').execute();
			expect(answers).toEqual([
				{ question_id: 'overall_satisfaction', yes_no: null, number: 5 },
				{ question_id: 'received_promptly', yes_no: true, number: null }
			]);
			expect((await listResponses(db, questionnaireId, 1)).total).toBe(1);

			// Once complete, neither a late "continue later" nor a resubmission changes it.
			expect(await saveProgress(db, { ...base, answers: [] })).toBe(false);
			expect(await submitWebResponse(db, { ...base, answers: [] })).toEqual({ duplicate: true });
			expect(await loadProgress(db, versionId, submissionId)).toBeNull();
			expect(await db.selectFrom('answers').select('question_id').where('response_id', '=', rows[0]!.id).execute()).toHaveLength(2);
		});
	});
}
