import type { Db } from '../db';
import type { AnswerValue } from '../../domain/questionnaire/answers';
import { answerRow, storedAnswers, type WebSubmission } from './service';

/** The answers so far of a submission, and whose they are. */
export type Progress = Pick<WebSubmission, 'questionnaireId' | 'versionId' | 'submissionId' | 'answers' | 'contactId' | 'campaignId'>;

/**
 * Keeps a half-answered form as an in-progress response, replacing what was kept
 * before. A submission that is already complete is left alone: `false`.
 */
export async function saveProgress(db: Db, p: Progress): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('responses')
			.values({
				questionnaire_id: p.questionnaireId,
				version_id: p.versionId,
				channel: 'web',
				submission_id: p.submissionId,
				status: 'in_progress',
				contact_id: p.contactId ?? null,
				campaign_id: p.campaignId ?? null
			})
			.onConflict((oc) =>
				oc
					.columns(['version_id', 'submission_id'])
					.doUpdateSet({ status: 'in_progress' })
					.where('responses.status', '=', 'in_progress')
			)
			.returning('id')
			.executeTakeFirst();
		if (!row) return false;
		await trx.deleteFrom('answers').where('response_id', '=', row.id).execute();
		if (p.answers.length > 0) await trx.insertInto('answers').values(p.answers.map((a) => answerRow(row.id, a))).execute();
		return true;
	});
}

/** The answers kept for a submission still in progress, or null when there is none (or it was completed). */
export async function loadProgress(db: Db, versionId: string, submissionId: string): Promise<AnswerValue[] | null> {
	const response = await db
		.selectFrom('responses')
		.select('id')
		.where('version_id', '=', versionId)
		.where('submission_id', '=', submissionId)
		.where('status', '=', 'in_progress')
		.executeTakeFirst();
	return response ? [...(await storedAnswers(db, response.id)).values()] : null;
}
