import { sql, type Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/types';
import type { CallOutcome } from '../../domain/calls/outcomes';
import { QUEUE_PAGE_SIZE, afterCall, parseCallbackTime } from '../../domain/scheduling/call-queue';
import { now as serverNow } from '../clock';
import { timeIn, todayIn, zonedInstant } from '../../domain/scheduling/dates';
import { withoutOpenCase } from '../follow-ups/exclusion';

type Conn = Db | Transaction<Database>;

/** Today's date and the moment now, in the call centre's time zone. */
export interface Clock {
	now: Date;
	timeZone: string;
}
export const clockNow = (timeZone: string, now = serverNow()): Clock => ({ now, timeZone });
const todayOf = (clock: Clock) => todayIn(clock.timeZone, clock.now);

/** The date a callback is to be called from: its phone date, or for a phone callback its due date. */
const callDate = sql<string>`coalesce(cc.phone_due_date, cc.due_date)`;

/**
 * A callback (aliased `cc`) that is due for a call: still scheduled, a phone callback
 * or a link one that turned to the phone, its day come, and not before a time the
 * customer asked for.
 */
export function duePhoneCall(today: string, now: Date) {
	return sql<boolean>`(cc.status = 'scheduled'
		and (cc.channel = 'phone' or cc.phone_due_date is not null)
		and coalesce(cc.phone_due_date, cc.due_date) <= ${today}::date
		and (cc.call_after is null or cc.call_after <= ${now}))`;
}

/** Callbacks an agent may claim: due, in a running campaign, to a callable contact. */
function queue(db: Conn, clock: Clock) {
	return db
		.selectFrom('campaign_contacts as cc')
		.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.where('c.status', '=', 'running')
		.where('k.do_not_contact', '=', false)
		.where('k.phone', 'is not', null)
		.where(withoutOpenCase('k.id'))
		.where(duePhoneCall(todayOf(clock), clock.now));
}

/** Soonest due first, then by the customer's tier (A before B; none last). */
const ORDER = [callDate, sql`cc.call_after asc nulls first`, sql`k.tier asc nulls last`, sql`k.name`, sql`cc.id`];

export interface QueueRow {
	id: string;
	name: string;
	phone: string;
	tier: string | null;
	campaign: string;
	questionnaire: string;
	dueDate: string;
	callAfter: Date | null;
	attempts: number;
}

/** The first `limit` callbacks due for a call, and how many are due in all. */
export async function listQueue(db: Db, clock: Clock, limit = QUEUE_PAGE_SIZE): Promise<{ rows: QueueRow[]; total: number }> {
	let rowsQuery = queue(db, clock)
		.innerJoin('questionnaires as q', 'q.id', 'c.questionnaire_id')
		.select(['cc.id', 'k.name', 'k.phone', 'k.tier', 'c.name as campaign', 'q.title as questionnaire', 'cc.call_after', 'cc.attempts'])
		.select(sql<string>`coalesce(cc.phone_due_date, cc.due_date)::text`.as('due_date'))
		.limit(limit);
	for (const o of ORDER) rowsQuery = rowsQuery.orderBy(o);
	const [rows, count] = await Promise.all([
		rowsQuery.execute(),
		queue(db, clock)
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	return {
		total: Number(count.n),
		rows: rows.map((r) => ({
			id: r.id,
			name: r.name,
			phone: r.phone!,
			tier: r.tier,
			campaign: r.campaign,
			questionnaire: r.questionnaire,
			dueDate: r.due_date,
			callAfter: r.call_after ? new Date(r.call_after) : null,
			attempts: r.attempts
		}))
	};
}

/**
 * Claims one due callback for an agent and opens its call, in one transaction:
 * the callback row is locked with FOR UPDATE SKIP LOCKED, so concurrent claims
 * each get a different one (or none). With `campaignContactId`, that one only.
 * Returns the new call's id, or null when nothing (or not that one) is free.
 */
export async function claimCall(db: Db, agentId: string, clock: Clock, campaignContactId?: string): Promise<string | null> {
	return db.transaction().execute(async (trx) => {
		let q = queue(trx, clock).select(['cc.id', 'c.questionnaire_id', 'c.version_id', 'k.name', 'k.phone']);
		if (campaignContactId) q = q.where('cc.id', '=', campaignContactId);
		for (const o of ORDER) q = q.orderBy(o);
		const row = await q.limit(1).forUpdate(['cc']).skipLocked().executeTakeFirst();
		if (!row) return null;
		const call = await trx
			.insertInto('calls')
			.values({
				questionnaire_id: row.questionnaire_id,
				version_id: row.version_id,
				agent_id: agentId,
				customer_name: row.name,
				customer_phone: row.phone!,
				campaign_contact_id: row.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('campaign_contacts')
			.set((eb) => ({ status: 'calling', attempts: eb('attempts', '+', 1), last_attempt_at: clock.now, call_after: null }))
			.where('id', '=', row.id)
			.execute();
		return call.id;
	});
}

/**
 * Moves a claimed callback on by its call's outcome, inside the caller's transaction
 * (the one that ends the call). A callback no longer in a call (answered by its link
 * meanwhile, say) is left as it is.
 */
export async function settleCallback(trx: Conn, campaignContactId: string, outcome: CallOutcome, note: string | null, clock: Clock) {
	const cc = await trx
		.selectFrom('campaign_contacts as cc')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.select(['cc.status', 'cc.attempts', 'k.do_not_contact'])
		.where('cc.id', '=', campaignContactId)
		.forUpdate(['cc'])
		.executeTakeFirst();
	if (cc?.status !== 'calling') return;
	const today = todayOf(clock);
	const callback = outcome === 'call_back_later' ? parseCallbackTime(note, today, timeIn(clock.timeZone, clock.now)) : null;
	const s = afterCall(outcome, { attempts: cc.attempts, today, callback });
	await trx
		.updateTable('campaign_contacts')
		.set({
			// Marked do-not-contact during the call: not called again, as do-not-contact cancels the others.
			status: s.status === 'scheduled' && cc.do_not_contact ? 'cancelled' : s.status,
			...(s.next
				? { phone_due_date: s.next.date, call_after: s.next.time ? zonedInstant(s.next.date, s.next.time, clock.timeZone) : null }
				: {}),
			...(s.contacted ? { contacted_on: today } : {})
		})
		.where('id', '=', campaignContactId)
		.execute();
}

/**
 * A contact's phone number was corrected: its callbacks flagged as a wrong number
 * go back to the queue (due at once, attempts counted afresh), in the caller's transaction.
 */
export async function requeueFixedNumber(trx: Conn, contactId: string): Promise<void> {
	await trx
		.updateTable('campaign_contacts')
		.set({ status: 'scheduled', attempts: 0, call_after: null })
		.where('contact_id', '=', contactId)
		.where('status', '=', 'invalid_number')
		.execute();
}
