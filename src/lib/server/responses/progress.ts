import { sql } from 'kysely';
import type { Db } from '../db';
import { TooManyResponsesError } from './open-links';
import type { AnswerValue } from '../../domain/questionnaire/answers';
import { answerRow, storedAnswers, type WebSubmission } from './service';

/** The answers so far of a submission, and whose they are. */
export type Progress = Pick<WebSubmission, 'questionnaireId' | 'versionId' | 'submissionId' | 'answers' | 'contactId' | 'campaignId'>;

/** Who keeps answers through an open link, and that link's hourly limit per network. */
export interface ProgressSender {
	clientHash: string;
	hourlyLimit: number;
}

/** Open-link answers kept for later are removed once nobody resumed them for this long (the cookie's life). */
export const KEEP_PROGRESS_DAYS = 30;

/**
 * Keeps a half-answered form as an in-progress response, replacing what was kept
 * before. A submission that is already complete is left alone: `false`. Through an
 * open link (`sender`), one network may start at most the link's hourly limit of kept
 * forms, or TooManyResponsesError and nothing is written.
 */
export async function saveProgress(db: Db, p: Progress, sender?: ProgressSender): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		if (sender && sender.hourlyLimit > 0) {
			// The same lock as the submission limit: concurrent posts from one network count one after another.
			await sql`select pg_advisory_xact_lock(hashtextextended(${`${p.questionnaireId}:${sender.clientHash}`}, 0))`.execute(trx);
		}
		const row = await trx
			.insertInto('responses')
			.values({
				questionnaire_id: p.questionnaireId,
				version_id: p.versionId,
				channel: 'web',
				submission_id: p.submissionId,
				status: 'in_progress',
				contact_id: p.contactId ?? null,
				campaign_id: p.campaignId ?? null,
				client_hash: sender?.clientHash ?? null
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
		if (sender && sender.hourlyLimit > 0) {
			const kept = await trx
				.selectFrom('responses')
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.where('questionnaire_id', '=', p.questionnaireId)
				.where('client_hash', '=', sender.clientHash)
				.where('status', '=', 'in_progress')
				.where('started_at', '>', sql<Date>`now() - interval '1 hour'`)
				.executeTakeFirstOrThrow();
			if (Number(kept.n) > sender.hourlyLimit) throw new TooManyResponsesError();
		}
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

/**
 * Housekeeping: open-link answers kept for later that nobody resumed within
 * KEEP_PROGRESS_DAYS (personal links keep theirs: the link itself expires).
 */
export async function pruneAbandonedProgress(db: Db, now: Date): Promise<number> {
	const result = await db
		.deleteFrom('responses')
		.where('status', '=', 'in_progress')
		.where('channel', '=', 'web')
		.where('contact_id', 'is', null)
		.where('campaign_id', 'is', null)
		.where('started_at', '<', new Date(now.getTime() - KEEP_PROGRESS_DAYS * 24 * 60 * 60 * 1000))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
