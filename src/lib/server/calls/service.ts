import type { Db } from '../db';
import { versionById, latestVersion, type PublishedVersion } from '../questionnaires/service';
import { answerRow, storedAnswers } from '../responses/service';
import { parseAnswer, type AnswerError, type AnswerValue } from '../../domain/questionnaire/answers';
import type { Definition } from '../../domain/questionnaire/definition';
import {
	hiddenAnswers,
	isVisibleAt,
	outcomeProblem,
	positionAfter,
	positionBefore,
	type ScriptPosition
} from '../../domain/calls/script';
import type { CallOutcome } from '../../domain/calls/outcomes';
import type { CallStep } from '../db/types';
import { sql } from 'kysely';
import { timeZone } from '../config';
import { contactPipeValues, type PipeValues } from '../../domain/questionnaire/piping';
import { clockNow, settleCallback, type Clock } from './queue';
import { recordInRollups } from '../analytics/rollups';

export interface CallView {
	id: string;
	customerName: string;
	customerPhone: string;
	step: CallStep;
	position: number;
	outcome: CallOutcome | null;
	note: string | null;
	version: PublishedVersion;
	/** The stored answers by question id: only questions the logic leads to. */
	answers: Map<string, AnswerValue>;
	/** For a call claimed from the queue: the contact's name and attributes for `{contact.…}`. */
	pipe: PipeValues;
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
	const answers = call.response_id ? await storedAnswers(db, call.response_id) : new Map<string, AnswerValue>();
	const contact = call.campaign_contact_id
		? await db
				.selectFrom('campaign_contacts as cc')
				.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
				.select(['k.name', 'k.tier', 'k.industry', 'k.product', 'k.attributes', sql<string | null>`k.event_date::text`.as('event_date')])
				.where('cc.id', '=', call.campaign_contact_id)
				.executeTakeFirst()
		: undefined;
	return {
		id: call.id,
		customerName: call.customer_name,
		customerPhone: call.customer_phone,
		step: call.step,
		position: call.position,
		outcome: call.outcome,
		note: call.note,
		version,
		answers,
		pipe: contact ? contactPipeValues({ ...contact, eventDate: contact.event_date }) : {}
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
		// A call from the queue answers for its contact and campaign.
		const callback = call.campaign_contact_id
			? await trx.selectFrom('campaign_contacts').select(['contact_id', 'campaign_id']).where('id', '=', call.campaign_contact_id).executeTakeFirst()
			: undefined;
		const response = await trx
			.insertInto('responses')
			.values({
				questionnaire_id: call.questionnaire_id,
				version_id: call.version_id,
				channel: 'phone',
				submission_id: call.id,
				agent_id: agentId,
				status: 'in_progress',
				contact_id: callback?.contact_id ?? null,
				campaign_id: callback?.campaign_id ?? null
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

/**
 * Deletes the answers the logic no longer leads to (an earlier answer changed, so
 * they were not asked after all), in the caller's transaction. Returns what is left.
 */
async function dropHiddenAnswers(trx: Db, responseId: string, definition: Definition, answers: Map<string, AnswerValue>) {
	const hidden = hiddenAnswers(definition, answers);
	if (hidden.length === 0) return answers;
	await trx.deleteFrom('answers').where('response_id', '=', responseId).where('question_id', 'in', hidden).execute();
	for (const id of hidden) answers.delete(id);
	return answers;
}

/** An open call with its response, version and answers, locked for a change. */
async function lockScript(trx: Db, callId: string, agentId: string) {
	const call = await lockOpenCall(trx, callId, agentId);
	if (!call?.response_id) return null;
	const version = await versionById(trx, call.version_id);
	if (!version) return null;
	const answers = await storedAnswers(trx, call.response_id);
	return { call, responseId: call.response_id, definition: version.definition, answers };
}

/** The locked script and one question it asks: by id, or the one at the call's position. */
async function lockQuestion(trx: Db, callId: string, agentId: string, questionId?: string) {
	const script = await lockScript(trx, callId, agentId);
	if (!script) return null;
	const { call, definition, answers } = script;
	if (!questionId && call.step !== 'questions') return null;
	const index = questionId ? definition.questions.findIndex((q) => q.id === questionId) : call.position;
	const question = definition.questions[index];
	// A question the logic does not lead to is not part of this call's script.
	if (!question || !isVisibleAt(definition, answers, index)) return null;
	return { ...script, index, question };
}

async function moveTo(trx: Db, callId: string, next: ScriptPosition) {
	await trx
		.updateTable('calls')
		.set(next === 'recap' ? { step: 'recap' } : { step: 'questions', position: next })
		.where('id', '=', callId)
		.execute();
}

/**
 * Saves one answer the moment it is given and moves to the next question the
 * logic leads to. A "no" on a key question stays, so the agent can read the
 * prepared response first. Answers that the change hides are deleted with it.
 */
export async function answerQuestion(
	db: Db,
	callId: string,
	agentId: string,
	questionId: string,
	raw: string | readonly string[],
	otherText = ''
): Promise<AnswerCallResult> {
	return db.transaction().execute(async (trx) => {
		const current = await lockQuestion(trx, callId, agentId, questionId);
		if (!current) return { ok: false, error: 'not_found' };
		const { responseId, definition, answers, question, index } = current;
		const parsed = parseAnswer(question, raw, otherText);
		if ('error' in parsed) return { ok: false, error: parsed.error };
		if (!parsed.value) {
			// An empty answer clears an optional question and moves on.
			if (question.required) return { ok: false, error: 'required' };
			await trx.deleteFrom('answers').where('response_id', '=', responseId).where('question_id', '=', question.id).execute();
			answers.delete(question.id);
		} else {
			const row = answerRow(responseId, parsed.value);
			await trx
				.insertInto('answers')
				.values(row)
				.onConflict((oc) =>
					oc.columns(['response_id', 'question_id']).doUpdateSet({
						yes_no: row.yes_no,
						number: row.number,
						choices: row.choices,
						text: row.text,
						answered_at: new Date()
					})
				)
				.execute();
			answers.set(question.id, parsed.value);
		}
		const left = await dropHiddenAnswers(trx, responseId, definition, answers);
		const stay = question.kind === 'key' && parsed.value?.yesNo === false;
		await moveTo(trx, callId, stay ? index : positionAfter(definition, left, index));
		return { ok: true };
	});
}

/** Moves on from the current question; a required question must be answered first. */
export async function advance(db: Db, callId: string, agentId: string): Promise<AnswerCallResult> {
	return db.transaction().execute(async (trx) => {
		const current = await lockQuestion(trx, callId, agentId);
		if (!current) return { ok: false, error: 'not_found' };
		if (current.question.required && !current.answers.has(current.question.id)) return { ok: false, error: 'required' };
		await moveTo(trx, callId, positionAfter(current.definition, current.answers, current.index));
		return { ok: true };
	});
}

/** ← : back to the previous question the logic leads to (from the recap, the last one). */
export async function goBack(db: Db, callId: string, agentId: string): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const script = await lockScript(trx, callId, agentId);
		if (!script) return false;
		const { call, definition, answers } = script;
		const from: ScriptPosition = call.step === 'recap' ? 'recap' : call.position;
		const previous = positionBefore(definition, answers, from);
		if (previous !== null) await moveTo(trx, callId, previous);
		return true;
	});
}

/** Moves the script to a question it asks (from the recap, to correct an answer). */
export async function goToQuestion(db: Db, callId: string, agentId: string, questionId: string): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const target = await lockQuestion(trx, callId, agentId, questionId);
		if (!target) return false;
		await moveTo(trx, callId, target.index);
		return true;
	});
}

export type FinishResult = { ok: true } | { ok: false; error: 'not_found' | 'required_missing' | 'nothing_answered' };

/**
 * Ends a call with its outcome. The response becomes completed or partial; a
 * response with no answer at all is removed, so analytics counts only real answers.
 * A call from the queue moves its campaign callback on in the same transaction.
 */
export async function finishCall(
	db: Db,
	callId: string,
	agentId: string,
	outcome: CallOutcome,
	note: string | null,
	clock: Clock = clockNow(timeZone())
): Promise<FinishResult> {
	return db.transaction().execute(async (trx) => {
		const call = await lockOpenCall(trx, callId, agentId);
		if (!call) return { ok: false, error: 'not_found' };
		const version = await versionById(trx, call.version_id);
		if (!version) return { ok: false, error: 'not_found' };
		const answers = call.response_id
			? await dropHiddenAnswers(trx, call.response_id, version.definition, await storedAnswers(trx, call.response_id))
			: new Map<string, AnswerValue>();
		const problem = outcomeProblem(outcome, version.definition, answers);
		if (problem) return { ok: false, error: problem };
		await trx
			.updateTable('calls')
			.set({ step: 'ended', outcome, note, ended_at: new Date() })
			.where('id', '=', callId)
			.execute();
		if (call.response_id) {
			if (answers.size === 0) {
				await trx.deleteFrom('responses').where('id', '=', call.response_id).execute();
			} else {
				await trx
					.updateTable('responses')
					.set({ status: outcome === 'completed' ? 'completed' : 'partial', submitted_at: new Date() })
					.where('id', '=', call.response_id)
					.execute();
				await recordInRollups(trx, call.response_id);
			}
		}
		if (call.campaign_contact_id) await settleCallback(trx, call.campaign_contact_id, outcome, note, clock);
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
