import type { Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/types';
import { timeZone } from '../config';
import { dispositionByKey } from './dispositions';
import { settleCallback } from './settle';

/** The system disposition a released call ends with: not an attempt, the callback goes back to the queue. */
export const ABANDONED = 'abandoned';
export const STALE_MINUTES_KEY = 'calls.stale_claim_minutes';
export const DEFAULT_STALE_MINUTES = 30;

/** Minutes a claimed call may sit idle before it is released (a setting; default 30). */
export async function staleMinutes(db: Db): Promise<number> {
	const row = await db.selectFrom('app_settings').select('value').where('key', '=', STALE_MINUTES_KEY).executeTakeFirst();
	const n = Number(row?.value);
	return Number.isInteger(n) && n >= 5 && n <= 24 * 60 ? n : DEFAULT_STALE_MINUTES;
}

export async function setStaleMinutes(db: Db, minutes: number): Promise<void> {
	await db
		.insertInto('app_settings')
		.values({ key: STALE_MINUTES_KEY, value: String(minutes) })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value: String(minutes) }))
		.execute();
}

/**
 * Ends a locked open call as "abandoned": its answers stay in the open response for
 * the next call to continue (an empty one is removed), and its callback goes back
 * to the queue without counting an attempt.
 */
async function release(trx: Transaction<Database>, call: { id: string; campaign_contact_id: string | null; response_id: string | null; agent_id: string }, now: Date) {
	const abandoned = (await dispositionByKey(trx, ABANDONED))!;
	await trx
		.updateTable('calls')
		.set({ step: 'ended', outcome: ABANDONED, ended_at: now, released_at: now })
		.where('id', '=', call.id)
		.execute();
	if (call.response_id) {
		const answered = await trx.selectFrom('answers').select('question_id').where('response_id', '=', call.response_id).limit(1).executeTakeFirst();
		if (!answered) await trx.deleteFrom('responses').where('id', '=', call.response_id).where('status', '=', 'in_progress').execute();
	}
	if (call.campaign_contact_id) {
		await settleCallback(trx, call.campaign_contact_id, abandoned, { callId: call.id, agentId: null, appointment: null }, { now, timeZone: timeZone() });
	}
}

/**
 * Releases every open call idle for longer than `minutes` at `now`. Safe when several
 * processes run it at once and when the agent acts at the same moment: each call is
 * locked (SKIP LOCKED) and re-read as still open, so a call ends exactly once.
 * Returns how many were released.
 */
export async function releaseStaleClaims(db: Db, now: Date, minutes?: number): Promise<number> {
	const idle = minutes ?? (await staleMinutes(db));
	const cutoff = new Date(now.getTime() - idle * 60_000);
	return db.transaction().execute(async (trx) => {
		const stale = await trx
			.selectFrom('calls')
			.select(['id', 'campaign_contact_id', 'response_id', 'agent_id'])
			.where('step', '!=', 'ended')
			.where('last_activity_at', '<', cutoff)
			.orderBy('last_activity_at')
			.limit(200)
			.forUpdate()
			.skipLocked()
			.execute();
		for (const call of stale) await release(trx, call, now);
		return stale.length;
	});
}

/** A supervisor releases one open call by hand; false when it is not open (ended, or unknown). */
export async function releaseCall(db: Db, callId: string, now: Date): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const call = await trx
			.selectFrom('calls')
			.select(['id', 'campaign_contact_id', 'response_id', 'agent_id'])
			.where('id', '=', callId)
			.where('step', '!=', 'ended')
			.forUpdate()
			.executeTakeFirst();
		if (!call) return false;
		await release(trx, call, now);
		return true;
	});
}
