import type { Db } from '../db';
import { versionById, latestVersion, type PublishedVersion } from '../questionnaires/service';
import { answerRow, storedAnswers } from '../responses/service';
import { parseAnswer, type AnswerError, type AnswerValue } from '../../domain/questionnaire/answers';
import type { Definition } from '../../domain/questionnaire/definition';
import {
	answeredCount,
	askedQuestions,
	hiddenAnswers,
	isVisibleAt,
	outcomeProblem,
	positionAfter,
	positionBefore,
	visibleIndexes,
	type ScriptPosition
} from '../../domain/calls/script';
import { dispositionProblem } from '../../domain/calls/dispositions';
import type { CallStep } from '../db/types';
import { sql } from 'kysely';
import { timeZone } from '../config';
import { now as serverNow } from '../clock';
import { contactPipeValues, type PipeValues } from '../../domain/questionnaire/piping';
import { clockNow, type Clock } from './queue';
import { dispositionByKey } from './dispositions';
import { settleCallback, type AppointmentRequest } from './settle';
import { emitCallEnded } from '../webhooks/emit';
import { openCasesForResponse } from '../follow-ups/open';
import { foldSoon, recordInRollups } from '../analytics/rollups';

export interface CallView {
	id: string;
	customerName: string;
	customerPhone: string;
	step: CallStep;
	position: number;
	outcome: string | null;
	note: string | null;
	/** When the system or a supervisor released the call (it ended as "abandoned"). */
	releasedAt: Date | null;
	/** The campaign callback and contact, for a call from the queue. */
	campaignContactId: string | null;
	contactId: string | null;
	/** The contact's time zone (null: the call centre's). */
	contactTimeZone: string | null;
	/** Voicemail messages left so far reached the campaign's cap: the script says not to leave one. */
	noVoicemail: boolean;
	/** An interview broken off on an earlier call that this call continues: answered so far, of how many. */
	resumed: { answered: number; total: number } | null;
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
	// The list offers only open questionnaires; a posted id of a closed or archived one is refused here too.
	const open = await db.selectFrom('questionnaires').select('id').where('id', '=', input.questionnaireId).where('status', '=', 'open').executeTakeFirst();
	if (!open) return null;
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
				.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
				.select(['k.id', 'k.name', 'k.tier', 'k.industry', 'k.product', 'k.attributes', 'k.time_zone', 'cc.voicemails', 'c.voicemail_cap'])
				.select(sql<string | null>`k.event_date::text`.as('event_date'))
				.where('cc.id', '=', call.campaign_contact_id)
				.executeTakeFirst()
		: undefined;
	// A response that began before this call is an interview broken off earlier.
	const earlier = call.response_id
		? await db.selectFrom('responses').select('submission_id').where('id', '=', call.response_id).executeTakeFirst()
		: undefined;
	const resumed =
		earlier && earlier.submission_id !== call.id && call.step !== 'ended'
			? { answered: answeredCount(version.definition, answers), total: askedQuestions(version.definition, answers).length }
			: null;
	return {
		id: call.id,
		customerName: call.customer_name,
		customerPhone: call.customer_phone,
		step: call.step,
		position: call.position,
		outcome: call.outcome,
		note: call.note,
		releasedAt: call.released_at,
		campaignContactId: call.campaign_contact_id,
		contactId: contact?.id ?? null,
		contactTimeZone: contact?.time_zone ?? null,
		noVoicemail: contact ? contact.voicemails >= contact.voicemail_cap : false,
		resumed,
		version,
		answers,
		pipe: contact ? contactPipeValues({ ...contact, eventDate: contact.event_date }) : {}
	};
}

/**
 * Locks an open call of this agent for a change and touches its last activity;
 * null when it is not theirs or already ended (or released meanwhile).
 */
async function lockOpenCall(trx: Db, callId: string, agentId: string, at = serverNow()) {
	const call = await trx
		.selectFrom('calls')
		.selectAll()
		.where('id', '=', callId)
		.where('agent_id', '=', agentId)
		.where('step', '!=', 'ended')
		.forUpdate()
		.executeTakeFirst();
	if (call) await trx.updateTable('calls').set({ last_activity_at: at }).where('id', '=', callId).execute();
	return call;
}

/** Whether this agent's call was released (idle too long, or by a supervisor): their next key is told so. */
export async function wasReleased(db: Db, callId: string, agentId: string): Promise<boolean> {
	const row = await db
		.selectFrom('calls')
		.select('released_at')
		.where('id', '=', callId)
		.where('agent_id', '=', agentId)
		.executeTakeFirst();
	return !!row?.released_at;
}

/**
 * The customer agreed to talk now: open the response and go to the first question.
 * A call from the queue continues the contact's response to the campaign when an
 * earlier call broke it off (one response per campaign and contact), at the first
 * question the logic leads to that has no answer yet.
 */
export async function giveConsent(db: Db, callId: string, agentId: string): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const call = await lockOpenCall(trx, callId, agentId);
		if (!call) return false;
		if (call.response_id) return true;
		// A call from the queue answers for its contact and campaign.
		const callback = call.campaign_contact_id
			? await trx.selectFrom('campaign_contacts').select(['contact_id', 'campaign_id']).where('id', '=', call.campaign_contact_id).executeTakeFirst()
			: undefined;
		const earlier = callback
			? await trx
					.selectFrom('responses')
					.select(['id', 'status'])
					.where('channel', '=', 'phone')
					.where('campaign_id', '=', callback.campaign_id)
					.where('contact_id', '=', callback.contact_id)
					.forUpdate()
					.executeTakeFirst()
			: undefined;
		if (earlier) {
			if (earlier.status !== 'in_progress') {
				await trx.updateTable('responses').set({ status: 'in_progress', submitted_at: null }).where('id', '=', earlier.id).execute();
			}
			const version = await versionById(trx, call.version_id);
			const answers = await storedAnswers(trx, earlier.id);
			const definition = version!.definition;
			const next = visibleIndexes(definition, answers).find((i) => {
				const q = definition.questions[i]!;
				return q.kind !== 'section' && !answers.has(q.id);
			});
			await trx
				.updateTable('calls')
				.set(next === undefined ? { step: 'recap', response_id: earlier.id } : { step: 'questions', position: next, response_id: earlier.id })
				.where('id', '=', callId)
				.execute();
			return true;
		}
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
						answered_at: serverNow()
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

export type FinishError = 'not_found' | 'required_missing' | 'nothing_answered' | 'note_required' | 'invalid' | 'appointment_invalid';
export type FinishResult = { ok: true } | { ok: false; error: FinishError };

/** An appointment may be booked from now to a year ahead. */
const MAX_APPOINTMENT_AHEAD_MS = 366 * 86_400_000;

/**
 * Ends a call with its disposition (and for "call back later" the window `booked`
 * with the customer). A completed or partial interview closes the
 * response; any other disposition leaves it open for the next call to continue,
 * unless the callback is now final (then it is partial). A response with no answer
 * at all is removed, so analytics counts only real answers. A call from the queue
 * moves its campaign callback on in the same transaction.
 */
export async function finishCall(
	db: Db,
	callId: string,
	agentId: string,
	disposition: string,
	note: string | null,
	clock: Clock = clockNow(timeZone()),
	booked: AppointmentRequest | null = null
): Promise<FinishResult> {
	const result = await db.transaction().execute(async (trx): Promise<FinishResult> => {
		const call = await lockOpenCall(trx, callId, agentId, clock.now);
		if (!call) return { ok: false, error: 'not_found' };
		const version = await versionById(trx, call.version_id);
		const d = await dispositionByKey(trx, disposition);
		if (!version) return { ok: false, error: 'not_found' };
		if (!d) return { ok: false, error: 'invalid' };
		const answers = call.response_id
			? await dropHiddenAnswers(trx, call.response_id, version.definition, await storedAnswers(trx, call.response_id))
			: new Map<string, AnswerValue>();
		const problem = dispositionProblem(d, outcomeProblem(d.effect, version.definition, answers), note);
		if (problem) return { ok: false, error: problem };
		const appointment = d.effect === 'appointment' ? booked : null;
		if (appointment && (appointment.startsAt <= clock.now || appointment.startsAt.getTime() - clock.now.getTime() > MAX_APPOINTMENT_AHEAD_MS)) {
			return { ok: false, error: 'appointment_invalid' };
		}
		await trx
			.updateTable('calls')
			.set({ step: 'ended', outcome: d.key, note, ended_at: clock.now })
			.where('id', '=', callId)
			.execute();
		const settled = call.campaign_contact_id
			? await settleCallback(trx, call.campaign_contact_id, d, { callId, agentId, appointment }, clock)
			: null;
		const responseClosed = call.response_id
			? await closeResponse(trx, call.response_id, answers.size, d.effect, settled?.final ?? true, clock.now)
			: false;
		if (responseClosed) {
			await recordInRollups(trx, call.response_id!);
			await openCasesForResponse(trx, call.response_id!, clock.now);
		}
		await emitCallEnded(
			trx,
			{ callId, outcome: d.key, responseId: call.response_id, questionnaireId: call.questionnaire_id, versionId: call.version_id, agentId, responseKept: responseClosed },
			clock.now
		);
		return { ok: true };
	});
	if (result.ok) foldSoon(db);
	return result;
}

/**
 * Where the call's response stands after it: completed or partial when the
 * interview ended, left open when the callback comes back (the next call goes on
 * with it), removed when nothing was answered.
 */
/** Ends the call's response as completed or partial; true when it did (an open interview stays open for the next call). */
async function closeResponse(trx: Db, responseId: string, answered: number, effect: string, callbackFinal: boolean, at: Date): Promise<boolean> {
	if (answered === 0) {
		await trx.deleteFrom('responses').where('id', '=', responseId).execute();
		return false;
	}
	if (effect !== 'complete' && effect !== 'partial' && !callbackFinal) return false;
	await trx
		.updateTable('responses')
		.set({ status: effect === 'complete' ? 'completed' : 'partial', submitted_at: at })
		.where('id', '=', responseId)
		.execute();
	return true;
}

/** The agent's calls today and earlier, newest first, with their disposition's labels. */
export function recentCalls(db: Db, agentId: string, limit = 20) {
	return db
		.selectFrom('calls')
		.innerJoin('questionnaires', 'questionnaires.id', 'calls.questionnaire_id')
		.leftJoin('dispositions as d', 'd.key', 'calls.outcome')
		.select([
			'calls.id',
			'calls.customer_name',
			'calls.customer_phone',
			'calls.step',
			'calls.outcome',
			'calls.started_at',
			'questionnaires.title',
			'd.label_zh',
			'd.label_en'
		])
		.where('calls.agent_id', '=', agentId)
		.orderBy('calls.started_at', 'desc')
		.limit(limit)
		.execute();
}
