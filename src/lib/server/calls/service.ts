import type { Db } from '../db';
import { versionById, latestVersion, type PublishedVersion } from '../questionnaires/service';
import { answerRow } from '../responses/service';
import { answerToRaw, parseAnswer, type AnswerError } from '../../domain/questionnaire/answers';
import { outcomeProblem, positionAfter } from '../../domain/calls/script';
import type { CallOutcome } from '../../domain/calls/outcomes';
import type { CallStep } from '../db/types';

export interface CallView {
	id: string;
	customerName: string;
	customerPhone: string;
	step: CallStep;
	position: number;
	outcome: CallOutcome | null;
	note: string | null;
	version: PublishedVersion;
	/** Raw answer values by question id, as the script shows them. */
	answers: Record<string, string>;
}

export async function startCall(
	db: Db,
	input: { questionnaireId: string; agentId: string; customerName: string; customerPhone: string }
): Promise<string | null> {
	const version = await latestVersion(db, input.questionnaireId);
	if (!version) return null;
	const row = await db
		.insertInto('calls')
		.values({
			questionnaire_id: input.questionnaireId,
			version_id: version.versionId,
			agent_id: input.agentId,
			customer_name: input.customerName,
			customer_phone: input.customerPhone
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** A call as its own agent sees it; another agent's call is not found. */
export async function getCall(db: Db, callId: string, agentId: string): Promise<CallView | null> {
	const call = await db
		.selectFrom('calls')
		.selectAll()
		.where('id', '=', callId)
		.where('agent_id', '=', agentId)
		.executeTakeFirst();
	if (!call) return null;
	const version = await versionById(db, call.version_id);
	if (!version) return null;
	const rows = call.response_id
		? await db
				.selectFrom('answers')
				.select(['question_id', 'yes_no', 'number', 'choices', 'text'])
				.where('response_id', '=', call.response_id)
				.execute()
		: [];
	const answers = Object.fromEntries(
		rows.map((r) => [
			r.question_id,
			answerToRaw({ questionId: r.question_id, yesNo: r.yes_no, number: r.number, choices: r.choices, text: r.text })
		])
	);
	return {
		id: call.id,
		customerName: call.customer_name,
		customerPhone: call.customer_phone,
		step: call.step,
		position: call.position,
		outcome: call.outcome,
		note: call.note,
		version,
		answers
	};
}

/** Locks an open call of this agent for a change; null when it is not theirs or already ended. */
async function lockOpenCall(trx: Db, callId: string, agentId: string) {
	return trx
		.selectFrom('calls')
		.selectAll()
		.where('id', '=', callId)
		.where('agent_id', '=', agentId)
		.where('step', '!=', 'ended')
		.forUpdate()
		.executeTakeFirst();
}

/** The customer agreed to talk now: open the response and go to the first question. */
export async function giveConsent(db: Db, callId: string, agentId: string): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const call = await lockOpenCall(trx, callId, agentId);
		if (!call) return false;
		if (call.response_id) return true;
		const response = await trx
			.insertInto('responses')
			.values({
				questionnaire_id: call.questionnaire_id,
				version_id: call.version_id,
				channel: 'phone',
				submission_id: call.id,
				agent_id: agentId,
				status: 'in_progress'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('calls')
			.set({ step: 'questions', position: 0, response_id: response.id })
			.where('id', '=', callId)
			.execute();
		return true;
	});
}

export type AnswerCallResult = { ok: true } | { ok: false; error: AnswerError | 'not_found' };

/** The call, its version and the question at its position, locked for a change. */
async function lockCurrentQuestion(trx: Db, callId: string, agentId: string, questionId?: string) {
	const call = await lockOpenCall(trx, callId, agentId);
	if (!call?.response_id) return null;
	const version = await versionById(trx, call.version_id);
	if (!version) return null;
	const index = questionId
		? version.definition.questions.findIndex((q) => q.id === questionId)
		: call.position;
	const question = version.definition.questions[index];
	if (!question) return null;
	return { call, responseId: call.response_id, definition: version.definition, index, question };
}

async function moveTo(trx: Db, callId: string, next: number | 'recap') {
	await trx
		.updateTable('calls')
		.set(next === 'recap' ? { step: 'recap' } : { step: 'questions', position: next })
		.where('id', '=', callId)
		.execute();
}

/**
 * Saves one answer the moment it is given and moves to the next question. A "no"
 * on a key question stays, so the agent can read the prepared response first.
 */
export async function answerQuestion(
	db: Db,
	callId: string,
	agentId: string,
	questionId: string,
	raw: string
): Promise<AnswerCallResult> {
	return db.transaction().execute(async (trx) => {
		const current = await lockCurrentQuestion(trx, callId, agentId, questionId);
		if (!current) return { ok: false, error: 'not_found' };
		const parsed = parseAnswer(current.question, raw);
		if ('error' in parsed) return { ok: false, error: parsed.error };
		if (!parsed.value) {
			// An empty answer clears an optional question and moves on.
			if (current.question.required) return { ok: false, error: 'required' };
			await trx
				.deleteFrom('answers')
				.where('response_id', '=', current.responseId)
				.where('question_id', '=', current.question.id)
				.execute();
			await moveTo(trx, callId, positionAfter(current.definition, current.index));
			return { ok: true };
		}
		const row = answerRow(current.responseId, parsed.value);
		await trx
			.insertInto('answers')
			.values(row)
			.onConflict((oc) =>
				oc.columns(['response_id', 'question_id']).doUpdateSet({
					yes_no: row.yes_no,
					number: row.number,
					text: row.text,
					answered_at: new Date()
				})
			)
			.execute();
		const stay = current.question.kind === 'key' && parsed.value.yesNo === false;
		await moveTo(trx, callId, stay ? current.index : positionAfter(current.definition, current.index));
		return { ok: true };
	});
}

/** Moves on from the current question; a required question must be answered first. */
export async function advance(db: Db, callId: string, agentId: string): Promise<AnswerCallResult> {
	return db.transaction().execute(async (trx) => {
		const current = await lockCurrentQuestion(trx, callId, agentId);
		if (!current) return { ok: false, error: 'not_found' };
		if (current.question.required) {
			const answered = await trx
				.selectFrom('answers')
				.select('question_id')
				.where('response_id', '=', current.responseId)
				.where('question_id', '=', current.question.id)
				.executeTakeFirst();
			if (!answered) return { ok: false, error: 'required' };
		}
		await moveTo(trx, callId, positionAfter(current.definition, current.index));
		return { ok: true };
	});
}

/** Moves the script to a question (going back to correct an answer). */
export async function goToQuestion(db: Db, callId: string, agentId: string, position: number): Promise<boolean> {
	const result = await db
		.updateTable('calls')
		.set({ step: 'questions', position })
		.where('id', '=', callId)
		.where('agent_id', '=', agentId)
		.where('response_id', 'is not', null)
		.where('step', '!=', 'ended')
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export type FinishResult = { ok: true } | { ok: false; error: 'not_found' | 'required_missing' | 'nothing_answered' };

/**
 * Ends a call with its outcome. The response becomes completed or partial; a
 * response with no answer at all is removed, so analytics counts only real answers.
 */
export async function finishCall(
	db: Db,
	callId: string,
	agentId: string,
	outcome: CallOutcome,
	note: string | null
): Promise<FinishResult> {
	return db.transaction().execute(async (trx) => {
		const call = await lockOpenCall(trx, callId, agentId);
		if (!call) return { ok: false, error: 'not_found' };
		const answered = new Set(
			call.response_id
				? (
						await trx
							.selectFrom('answers')
							.select('question_id')
							.where('response_id', '=', call.response_id)
							.execute()
					).map((r) => r.question_id)
				: []
		);
		const version = await versionById(trx, call.version_id);
		if (!version) return { ok: false, error: 'not_found' };
		const problem = outcomeProblem(outcome, version.definition, answered);
		if (problem) return { ok: false, error: problem };
		await trx
			.updateTable('calls')
			.set({ step: 'ended', outcome, note, ended_at: new Date() })
			.where('id', '=', callId)
			.execute();
		if (call.response_id) {
			if (answered.size === 0) {
				await trx.deleteFrom('responses').where('id', '=', call.response_id).execute();
			} else {
				await trx
					.updateTable('responses')
					.set({ status: outcome === 'completed' ? 'completed' : 'partial', submitted_at: new Date() })
					.where('id', '=', call.response_id)
					.execute();
			}
		}
		return { ok: true };
	});
}

/** The agent's calls today and earlier, newest first. */
export function recentCalls(db: Db, agentId: string, limit = 20) {
	return db
		.selectFrom('calls')
		.innerJoin('questionnaires', 'questionnaires.id', 'calls.questionnaire_id')
		.select([
			'calls.id',
			'calls.customer_name',
			'calls.customer_phone',
			'calls.step',
			'calls.outcome',
			'calls.started_at',
			'questionnaires.title'
		])
		.where('calls.agent_id', '=', agentId)
		.orderBy('calls.started_at', 'desc')
		.limit(limit)
		.execute();
}
