import { sql } from 'kysely';
import type { Db } from '../db';
import type { Conn } from './conn';
import { QUEUE_PAGE_SIZE } from '../../domain/scheduling/call-queue';
import { now as serverNow } from '../clock';
import { todayIn } from '../../domain/scheduling/dates';
import { blackoutToday, withinCallingHours } from './calling-hours';
import { withoutOpenCase } from '../follow-ups/exclusion';

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

/** A booked appointment (alias a) whose window has opened: the customer chose the time, so calling hours do not hold it. */
const appointmentDue = (now: Date) => sql<boolean>`(a.id is not null and a.starts_at <= ${now})`;

/** "With me only": until its window ends an appointment is offered to its agent alone. */
const reservedForOthers = (agentId: string | null, now: Date) =>
	sql<boolean>`(a.agent_id is not null and a.ends_at > ${now} and a.agent_id is distinct from ${agentId})`;

/** Callbacks due in running campaigns, to a callable contact, with their open appointment (a), if any. */
function dueCallbacks(db: Conn, clock: Clock) {
	return db
		.selectFrom('campaign_contacts as cc')
		.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.leftJoin('appointments as a', (j) =>
			j.onRef('a.campaign_contact_id', '=', 'cc.id').on('a.kept_in_call', 'is', null).on('a.cancelled_at', 'is', null)
		)
		.where('c.status', '=', 'running')
		.where('k.do_not_contact', '=', false)
		.where('k.phone', 'is not', null)
		.where(withoutOpenCase('k.id'))
		.where(duePhoneCall(todayOf(clock), clock.now));
}

/** What this agent may claim now: due, not reserved for another agent, inside the customer's calling hours. */
function queue(db: Conn, clock: Clock, agentId: string | null) {
	return dueCallbacks(db, clock)
		.where((eb) => eb.not(reservedForOthers(agentId, clock.now)))
		.where((eb) => eb.or([appointmentDue(clock.now), withinCallingHours(clock.now, clock.timeZone)]));
}

/**
 * Due appointments first (the earliest window end first), then fresh callbacks
 * (soonest due, then by tier), then retries.
 */
const ORDER = [
	sql`case when a.id is not null then 0 when cc.attempts = 0 then 1 else 2 end`,
	sql`a.ends_at asc nulls last`,
	callDate,
	sql`k.tier asc nulls last`,
	sql`cc.call_after asc nulls first`,
	sql`k.name`,
	sql`cc.id`
];

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
	/** The open appointment's window, when the callback has one. */
	appointment: { startsAt: Date; endsAt: Date; missed: boolean; mine: boolean } | null;
}

/** Due callbacks the queue does not offer now, and why. */
export interface HeldBack {
	/** Outside the customer's calling window. */
	hours: number;
	/** On a blackout date. */
	blackout: number;
	/** An appointment reserved for another agent. */
	reserved: number;
}

/** The first `limit` callbacks this agent may claim, how many in all, and how many are held back. */
export async function listQueue(
	db: Db,
	clock: Clock,
	limit = QUEUE_PAGE_SIZE,
	agentId: string | null = null
): Promise<{ rows: QueueRow[]; total: number; held: HeldBack }> {
	let rowsQuery = queue(db, clock, agentId)
		.innerJoin('questionnaires as q', 'q.id', 'c.questionnaire_id')
		.select(['cc.id', 'k.name', 'k.phone', 'k.tier', 'c.name as campaign', 'q.title as questionnaire', 'cc.call_after', 'cc.attempts'])
		.select(['a.starts_at', 'a.ends_at', 'a.agent_id as appointment_agent'])
		.select(sql<string>`coalesce(cc.phone_due_date, cc.due_date)::text`.as('due_date'))
		.limit(limit);
	for (const o of ORDER) rowsQuery = rowsQuery.orderBy(o);
	const open = sql<boolean>`(${appointmentDue(clock.now)} or ${withinCallingHours(clock.now, clock.timeZone)})`;
	const [rows, count, held] = await Promise.all([
		rowsQuery.execute(),
		queue(db, clock, agentId)
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow(),
		dueCallbacks(db, clock)
			.select([
				sql<string>`count(*) filter (where ${reservedForOthers(agentId, clock.now)})`.as('reserved'),
				sql<string>`count(*) filter (where not ${reservedForOthers(agentId, clock.now)} and not ${open} and ${blackoutToday(clock.now, clock.timeZone)})`.as('blackout'),
				sql<string>`count(*) filter (where not ${reservedForOthers(agentId, clock.now)} and not ${open} and not ${blackoutToday(clock.now, clock.timeZone)})`.as('hours')
			])
			.executeTakeFirstOrThrow()
	]);
	return {
		total: Number(count.n),
		held: { hours: Number(held.hours), blackout: Number(held.blackout), reserved: Number(held.reserved) },
		rows: rows.map((r) => ({
			id: r.id,
			name: r.name,
			phone: r.phone!,
			tier: r.tier,
			campaign: r.campaign,
			questionnaire: r.questionnaire,
			dueDate: r.due_date,
			callAfter: r.call_after ? new Date(r.call_after) : null,
			attempts: r.attempts,
			appointment:
				r.starts_at && r.ends_at
					? {
							startsAt: new Date(r.starts_at),
							endsAt: new Date(r.ends_at),
							missed: new Date(r.ends_at) <= clock.now,
							mine: r.appointment_agent !== null && r.appointment_agent === agentId
						}
					: null
		}))
	};
}

/** The call this agent has open (claimed and not ended), if any. */
export async function openCallOf(db: Conn, agentId: string): Promise<string | null> {
	const row = await db
		.selectFrom('calls')
		.select('id')
		.where('agent_id', '=', agentId)
		.where('step', '!=', 'ended')
		.where('campaign_contact_id', 'is not', null)
		.orderBy('started_at', 'desc')
		.executeTakeFirst();
	return row?.id ?? null;
}

export type Claim = { callId: string; resumed: boolean } | null;

/**
 * Claims one due callback for an agent and opens its call, in one transaction:
 * the callback row is locked with FOR UPDATE SKIP LOCKED, so concurrent claims
 * each get a different one (or none). With `campaignContactId`, that one only.
 * An agent who still holds a call from the queue gets that call back instead
 * (`resumed`). A due appointment is taken up by the call.
 */
export async function claimNext(db: Db, agentId: string, clock: Clock, campaignContactId?: string): Promise<Claim> {
	return db.transaction().execute(async (trx) => {
		const held = await openCallOf(trx, agentId);
		if (held) return { callId: held, resumed: true };
		let q = queue(trx, clock, agentId).select(['cc.id', 'c.questionnaire_id', 'c.version_id', 'k.name', 'k.phone', 'a.id as appointment_id']);
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
				campaign_contact_id: row.id,
				started_at: clock.now,
				last_activity_at: clock.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('campaign_contacts')
			.set((eb) => ({ status: 'calling', attempts: eb('attempts', '+', 1), last_attempt_at: clock.now, call_after: null }))
			.where('id', '=', row.id)
			.execute();
		if (row.appointment_id) await trx.updateTable('appointments').set({ kept_in_call: call.id }).where('id', '=', row.appointment_id).execute();
		return { callId: call.id, resumed: false };
	});
}

/** `claimNext` for callers that only need the call's id. */
export async function claimCall(db: Db, agentId: string, clock: Clock, campaignContactId?: string): Promise<string | null> {
	return (await claimNext(db, agentId, clock, campaignContactId))?.callId ?? null;
}

/**
 * A contact's phone number was corrected: its callbacks flagged as a wrong number
 * go back to the queue (due at once, attempts counted afresh), in the caller's transaction.
 */
export async function requeueFixedNumber(trx: Conn, contactId: string): Promise<void> {
	await trx
		.updateTable('campaign_contacts')
		.set({ status: 'scheduled', attempts: 0, call_after: null, final_disposition: null })
		.where('contact_id', '=', contactId)
		.where('status', '=', 'invalid_number')
		.execute();
}

