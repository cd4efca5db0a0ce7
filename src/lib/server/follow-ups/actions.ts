import { z } from 'zod';
import type { Db } from '../db';
import { INFORM_CHANNELS, transition, type CaseAction, type TransitionError } from '../../domain/follow-ups/states';
import { actorFor, leadsTeam, seesAll, type Viewer } from './access';
import { addEvent } from './events';
import { loopSettings } from './settings';

const text = z.string().trim().min(1, 'required').max(4000, 'too_long');
export const resolveSchema = z.object({ text });
export const commentSchema = z.object({ text });
export const wontFixSchema = z.object({ text });
export const informSchema = z.object({
	how: z.enum(INFORM_CHANNELS, 'required'),
	text,
	/** When the customer was told, as the browser's datetime-local value in the app's zone; blank means now. */
	when: z.string().trim().max(40).optional()
});
export const assignSchema = z.object({ ownerId: z.uuid('invalid') });

export type ActionResult = { ok: true } | { ok: false; error: TransitionError | 'not_found' | 'not_member' };

/** The case locked for a change, with how the viewer stands to it; null when they may not see it. */
async function lockCase(trx: Db, caseId: string, viewer: Viewer) {
	const c = await trx.selectFrom('follow_ups').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst();
	if (!c) return null;
	const actor = await actorFor(trx, viewer, c);
	return actor ? { c, actor } : null;
}

/**
 * Applies one state change: the row is locked, the move checked by the domain rules,
 * then written with its timeline entry. Of two people accepting one case at once,
 * the second finds it already in progress and is refused.
 */
async function move(
	db: Db,
	caseId: string,
	viewer: Viewer,
	action: CaseAction,
	now: Date,
	write: (trx: Db, c: { owner_id: string | null }) => Promise<void>
): Promise<ActionResult> {
	return db.transaction().execute(async (trx) => {
		const locked = await lockCase(trx, caseId, viewer);
		if (!locked) return { ok: false, error: 'not_found' };
		const t = transition(locked.c.state, action, locked.actor, locked.c.owner_id !== null);
		if (!t.ok) return { ok: false, error: t.error };
		await trx.updateTable('follow_ups').set({ state: t.to }).where('id', '=', caseId).execute();
		await write(trx, locked.c);
		return { ok: true };
	});
}

export function acceptCase(db: Db, caseId: string, viewer: Viewer, now: Date) {
	return move(db, caseId, viewer, 'accept', now, async (trx, c) => {
		await trx
			.updateTable('follow_ups')
			.set({ owner_id: c.owner_id ?? viewer.id, first_action_at: now })
			.where('id', '=', caseId)
			.execute();
		await addEvent(trx, { caseId, at: now, userId: viewer.id, kind: 'accepted' });
	});
}

export function resolveCase(db: Db, caseId: string, viewer: Viewer, body: string, now: Date) {
	return move(db, caseId, viewer, 'resolve', now, async (trx) => {
		await trx.updateTable('follow_ups').set({ resolved_at: now }).where('id', '=', caseId).execute();
		await addEvent(trx, { caseId, at: now, userId: viewer.id, kind: 'resolved', body });
	});
}

/** "Customer informed": records how and what, and schedules the verification callback N days later. */
export function informCustomer(db: Db, caseId: string, viewer: Viewer, input: { how: string; text: string; when: Date }, now: Date) {
	return move(db, caseId, viewer, 'inform', now, async (trx) => {
		await trx.updateTable('follow_ups').set({ informed_at: input.when }).where('id', '=', caseId).execute();
		await addEvent(trx, { caseId, at: now, userId: viewer.id, kind: 'informed', body: input.text, detail: { how: input.how, when: input.when.toISOString() } });
		const { verifyAfterDays } = await loopSettings(trx);
		const dueAt = new Date(now.getTime() + verifyAfterDays * 86_400_000);
		await trx.insertInto('follow_up_verifications').values({ follow_up_id: caseId, due_at: dueAt }).execute();
		await addEvent(trx, { caseId, at: now, userId: null, kind: 'verification_scheduled', detail: { dueAt: dueAt.toISOString() } });
	});
}

export function closeWontFix(db: Db, caseId: string, viewer: Viewer, reason: string, now: Date) {
	return move(db, caseId, viewer, 'wont_fix', now, async (trx) => {
		await trx.updateTable('follow_ups').set({ closed_at: now }).where('id', '=', caseId).execute();
		// A pending verification has nothing left to verify.
		await trx
			.updateTable('follow_up_verifications')
			.set({ completed_at: now, outcome: 'cancelled' })
			.where('follow_up_id', '=', caseId)
			.where('completed_at', 'is', null)
			.execute();
		await addEvent(trx, { caseId, at: now, userId: viewer.id, kind: 'wont_fix', body: reason });
	});
}

export async function commentOnCase(db: Db, caseId: string, viewer: Viewer, body: string, now: Date): Promise<ActionResult> {
	return db.transaction().execute(async (trx) => {
		const locked = await lockCase(trx, caseId, viewer);
		if (!locked) return { ok: false, error: 'not_found' };
		await addEvent(trx, { caseId, at: now, userId: viewer.id, kind: 'comment', body });
		return { ok: true };
	});
}

/** The team lead (or a supervisor) hands an open case to a member of its team. */
export async function assignCase(db: Db, caseId: string, viewer: Viewer, ownerId: string, now: Date): Promise<ActionResult> {
	return db.transaction().execute(async (trx) => {
		const locked = await lockCase(trx, caseId, viewer);
		if (!locked) return { ok: false, error: 'not_found' };
		const { c } = locked;
		if (!seesAll(viewer) && !(await leadsTeam(trx, viewer.id, c.team_id))) return { ok: false, error: 'not_allowed' };
		if (c.state !== 'open' && c.state !== 'in_progress') return { ok: false, error: 'illegal_move' };
		const member = c.team_id
			? await trx.selectFrom('follow_up_team_members').select('user_id').where('team_id', '=', c.team_id).where('user_id', '=', ownerId).executeTakeFirst()
			: undefined;
		if (!member) return { ok: false, error: 'not_member' };
		await trx.updateTable('follow_ups').set({ owner_id: ownerId }).where('id', '=', caseId).execute();
		await addEvent(trx, { caseId, at: now, userId: viewer.id, kind: 'assigned', detail: { owner: ownerId, by: 'lead' } });
		return { ok: true };
	});
}
