import { z } from 'zod';
import type { Db } from '../db';
import { timeZone } from '../config';
import { transition } from '../../domain/follow-ups/states';
import { addWorkingHours, DEFAULT_SLA } from '../../domain/follow-ups/deadlines';
import { addEvent } from './events';

/** A claim not finished within this long goes back to the queue. */
export const CLAIM_TIMEOUT_MS = 30 * 60_000;

type Conn = Db;

/**
 * Verifications this agent may make now: due, not finished, not held by someone
 * else, and on a case the agent neither owns nor answered the first call of.
 */
function callable(db: Conn, agentId: string, now: Date) {
	return db
		.selectFrom('follow_up_verifications as v')
		.innerJoin('follow_ups as f', 'f.id', 'v.follow_up_id')
		.where('v.completed_at', 'is', null)
		.where('v.due_at', '<=', now)
		.where('f.state', '=', 'informed')
		.where((eb) => eb.or([eb('f.owner_id', 'is', null), eb('f.owner_id', '!=', agentId)]))
		.where((eb) => eb.or([eb('f.first_agent_id', 'is', null), eb('f.first_agent_id', '!=', agentId)]))
		.where((eb) =>
			eb.or([
				eb('v.claimed_by', 'is', null),
				eb('v.claimed_by', '=', agentId),
				eb('v.claimed_at', '<', new Date(now.getTime() - CLAIM_TIMEOUT_MS))
			])
		);
}

export async function dueVerificationCount(db: Db, agentId: string, now: Date): Promise<number> {
	const row = await callable(db, agentId, now).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Takes the verification due longest (SKIP LOCKED: two agents never get the same one). */
export async function claimVerification(db: Db, agentId: string, now: Date): Promise<string | null> {
	return db.transaction().execute(async (trx) => {
		const row = await callable(trx, agentId, now)
			.select('v.id')
			.orderBy('v.due_at')
			.orderBy('v.id')
			.limit(1)
			.forUpdate('v')
			.skipLocked()
			.executeTakeFirst();
		if (!row) return null;
		await trx.updateTable('follow_up_verifications').set({ claimed_by: agentId, claimed_at: now }).where('id', '=', row.id).execute();
		return row.id;
	});
}

/** Claims older than the timeout are let go, so a closed browser does not hold a callback forever. */
export async function releaseStaleVerifications(db: Db, now: Date): Promise<number> {
	const result = await db
		.updateTable('follow_up_verifications')
		.set({ claimed_by: null, claimed_at: null })
		.where('completed_at', 'is', null)
		.where('claimed_at', '<', new Date(now.getTime() - CLAIM_TIMEOUT_MS))
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** The verification script: the customer and the case's items, for the agent who claimed it. */
export async function verificationScript(db: Db, verificationId: string, agentId: string) {
	const v = await db
		.selectFrom('follow_up_verifications as v')
		.innerJoin('follow_ups as f', 'f.id', 'v.follow_up_id')
		.leftJoin('contacts as k', 'k.id', 'f.contact_id')
		.leftJoin('questionnaires as q', 'q.id', 'f.questionnaire_id')
		.select(['v.id', 'v.follow_up_id', 'k.name', 'k.phone', 'q.title', 'f.informed_at'])
		.where('v.id', '=', verificationId)
		.where('v.claimed_by', '=', agentId)
		.where('v.completed_at', 'is', null)
		.where('f.state', '=', 'informed')
		.executeTakeFirst();
	if (!v) return null;
	const items = await db
		.selectFrom('follow_up_items')
		.select(['id', 'question_text'])
		.where('follow_up_id', '=', v.follow_up_id)
		.orderBy('position')
		.execute();
	const told = await db
		.selectFrom('follow_up_events')
		.select(['body', 'detail'])
		.where('follow_up_id', '=', v.follow_up_id)
		.where('kind', '=', 'informed')
		.orderBy('at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return { ...v, items, told: told?.body ?? null };
}

export const verificationSchema = (itemIds: readonly string[]) =>
	z.object({
		items: z.record(z.string(), z.enum(['yes', 'no'], 'required')).refine((r) => itemIds.every((id) => id in r), 'required'),
		satisfied: z.enum(['yes', 'no'], 'required'),
		words: z.string().trim().max(4000, 'too_long')
	});

export type VerificationResult = { ok: true; outcome: 'verified' | 'reopened' } | { ok: false; error: 'not_found' | 'words_required' };

/**
 * Records the verification callback: all yes → verified; any no → reopened (back
 * to in progress, counted) with the customer's words on the timeline, and a new
 * resolution deadline counted from now.
 */
export async function completeVerification(
	db: Db,
	verificationId: string,
	agentId: string,
	input: { items: Record<string, boolean>; satisfied: boolean; words: string },
	now: Date
): Promise<VerificationResult> {
	const solved = Object.values(input.items).every(Boolean) && input.satisfied;
	if (!solved && !input.words) return { ok: false, error: 'words_required' };
	return db.transaction().execute(async (trx) => {
		const v = await trx
			.selectFrom('follow_up_verifications')
			.select(['id', 'follow_up_id'])
			.where('id', '=', verificationId)
			.where('claimed_by', '=', agentId)
			.where('completed_at', 'is', null)
			.forUpdate()
			.executeTakeFirst();
		if (!v) return { ok: false, error: 'not_found' };
		const c = await trx.selectFrom('follow_ups').selectAll().where('id', '=', v.follow_up_id).forUpdate().executeTakeFirstOrThrow();
		const actor = { owner: false, member: false, supervisor: false, verification: true };
		const t = transition(c.state, solved ? 'verify' : 'reopen', actor, c.owner_id !== null);
		if (!t.ok) return { ok: false, error: 'not_found' };
		const outcome = solved ? 'verified' : 'reopened';
		await trx
			.updateTable('follow_up_verifications')
			.set({ completed_at: now, outcome, answers: JSON.stringify({ ...input.items, satisfied: input.satisfied }), words: input.words || null })
			.where('id', '=', v.id)
			.execute();
		if (solved) {
			await trx.updateTable('follow_ups').set({ state: t.to, closed_at: now }).where('id', '=', c.id).execute();
		} else {
			const route = await trx.selectFrom('follow_up_routes').select('resolve_hours').where('cause', '=', c.cause).executeTakeFirst();
			await trx
				.updateTable('follow_ups')
				.set((eb) => ({
					state: t.to,
					reopen_count: eb('reopen_count', '+', 1),
					resolved_at: null,
					informed_at: null,
					resolve_due: addWorkingHours(now, route?.resolve_hours ?? DEFAULT_SLA.resolveHours, timeZone()),
					escalation: 1
				}))
				.where('id', '=', c.id)
				.execute();
		}
		await addEvent(trx, {
			caseId: c.id,
			at: now,
			userId: agentId,
			kind: outcome,
			body: input.words || null,
			detail: { items: input.items, satisfied: input.satisfied }
		});
		return { ok: true, outcome };
	});
}
