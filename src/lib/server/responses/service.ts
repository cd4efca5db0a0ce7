import { sql, type Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/types';
import type { AnswerValue } from '../../domain/questionnaire/answers';
import type { Definition } from '../../domain/questionnaire/definition';
import { enforceHourlyLimit } from './open-links';
import { emitEvent } from '../webhooks/emit';
import { openCasesForResponse } from '../follow-ups/open';
import { now } from '../clock';
import { foldSoon, recordInRollups } from '../analytics/rollups';
import { submissions } from '../metrics';

export interface WebSubmission {
	questionnaireId: string;
	versionId: string;
	/** The version's questions (from the version cache), when the caller holds them. */
	definition?: Definition;
	submissionId: string;
	answers: AnswerValue[];
	/** Answers through a per-customer link record who answered and for which campaign. */
	contactId?: string | null;
	campaignId?: string | null;
	/**
	 * Runs inside the same transaction after the response is stored (e.g. consuming
	 * a single-use link); throwing rolls the whole submission back.
	 */
	within?: (trx: Transaction<Database>, responseId: string) => Promise<void>;
	/** An open link's sender (a salted hash) and how many responses it may send per hour. */
	sender?: { clientHash: string; hourlyLimit: number };
}

export const answerRow = (responseId: string, a: AnswerValue) => ({
	response_id: responseId,
	question_id: a.questionId,
	yes_no: a.yesNo,
	number: a.number,
	choices: a.choices,
	text: a.text
});

/**
 * Stores a link submission once. A repeated submission id (double click, back and
 * resubmit, retry) hits the unique key and stores nothing more: `duplicate: true`.
 * The answers replace any kept while the submission was in progress.
 */
export async function submitWebResponse(db: Db, s: WebSubmission): Promise<{ duplicate: boolean }> {
	const result = await db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('responses')
			.values({
				questionnaire_id: s.questionnaireId,
				version_id: s.versionId,
				channel: 'web',
				submission_id: s.submissionId,
				status: 'completed',
				submitted_at: new Date(),
				contact_id: s.contactId ?? null,
				campaign_id: s.campaignId ?? null,
				client_hash: s.sender?.clientHash ?? null
			})
			// A submission kept in progress ("continue later") is completed now; a completed one stays as it is.
			.onConflict((oc) =>
				oc
					.columns(['version_id', 'submission_id'])
					.doUpdateSet((eb) => ({
						status: 'completed',
						submitted_at: new Date(),
						client_hash: eb.ref('excluded.client_hash')
					}))
					.where('responses.status', '=', 'in_progress')
			)
			// xmax is 0 on a row just inserted and set on one the upsert updated (a kept submission).
			.returning(['id', sql<boolean>`xmax <> 0`.as('was_kept')])
			.executeTakeFirst();
		if (!inserted) return { duplicate: true };
		if (inserted.was_kept) await trx.deleteFrom('answers').where('response_id', '=', inserted.id).execute();
		if (s.sender) await enforceHourlyLimit(trx, s.questionnaireId, s.sender.clientHash, s.sender.hourlyLimit);
		if (s.answers.length > 0) {
			await trx.insertInto('answers').values(s.answers.map((a) => answerRow(inserted.id, a))).execute();
		}
		await recordInRollups(trx, inserted.id);
		if (s.within) await s.within(trx, inserted.id);
		const known = s.definition && { questionnaireId: s.questionnaireId, definition: s.definition, answers: s.answers };
		await openCasesForResponse(trx, inserted.id, now(), known);
		await emitEvent(trx, 'response.submitted', { responseId: inserted.id, questionnaireId: s.questionnaireId, versionId: s.versionId, channel: 'web', contactId: s.contactId ?? null, campaignId: s.campaignId ?? null });
		return { duplicate: false };
	});
	if (!result.duplicate) {
		submissions.inc({ link: s.contactId ? 'personal' : 'open' });
		foldSoon(db);
	}
	return result;
}

/** A response's stored answers by question id, in question-id order. */
export async function storedAnswers(db: Db, responseId: string): Promise<Map<string, AnswerValue>> {
	const rows = await db
		.selectFrom('answers')
		.select(['question_id', 'yes_no', 'number', 'choices', 'text'])
		.where('response_id', '=', responseId)
		.orderBy('question_id')
		.execute();
	return new Map(
		rows.map((r) => [r.question_id, { questionId: r.question_id, yesNo: r.yes_no, number: r.number, choices: r.choices, text: r.text }])
	);
}
