import type { Db } from '../db';
import type { AnswerValue } from '../../domain/questionnaire/answers';
import { answerRow } from './service';

export interface Progress {
	questionnaireId: string;
	versionId: string;
	submissionId: string;
	answers: AnswerValue[];
	contactId?: string | null;
	campaignId?: string | null;
}

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
	if (!response) return null;
	const rows = await db
		.selectFrom('answers')
		.select(['question_id', 'yes_no', 'number', 'choices', 'text'])
		.where('response_id', '=', response.id)
		.orderBy('question_id')
		.execute();
	return rows.map((r) => ({ questionId: r.question_id, yesNo: r.yes_no, number: r.number, choices: r.choices, text: r.text }));
}
