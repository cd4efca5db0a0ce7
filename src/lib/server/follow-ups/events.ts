import type { Db } from '../db';
import { emitEvent } from '../webhooks/emit';

export const EVENT_KINDS = [
	'opened',
	'assigned',
	'accepted',
	'comment',
	'resolved',
	'informed',
	'verification_scheduled',
	'verified',
	'reopened',
	'wont_fix',
	'escalated'
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * One timeline entry: who did what when, in the caller's transaction. It dates the
 * case's `updated_at` (the API's "updated since"), and subscribers hear of it as
 * case.created or case.updated.
 */
export async function addEvent(
	trx: Db,
	e: { caseId: string; at: Date; userId: string | null; kind: EventKind; body?: string | null; detail?: Record<string, unknown> }
): Promise<void> {
	await trx
		.insertInto('follow_up_events')
		.values({
			follow_up_id: e.caseId,
			at: e.at,
			user_id: e.userId,
			kind: e.kind,
			body: e.body ?? null,
			detail: JSON.stringify(e.detail ?? {})
		})
		.execute();
	await trx.updateTable('follow_ups').set({ updated_at: e.at }).where('id', '=', e.caseId).execute();
	await emitEvent(
		trx,
		e.kind === 'opened' ? 'case.created' : 'case.updated',
		{ caseId: e.caseId, change: e.kind, userId: e.userId, ...(e.detail ?? {}) },
		e.at
	);
}
