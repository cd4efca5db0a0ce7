import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { Disposition } from '../../domain/calls/dispositions';
import { settle } from '../../domain/scheduling/retry-policy';
import { todayIn, zonedInstant } from '../../domain/scheduling/dates';
import { stopContacting } from '../contacts/do-not-contact';
import { hoursFor } from './calling-hours';
import type { Clock } from './queue';

/** A window the agent booked with the customer, in the customer's time zone. */
export interface AppointmentRequest {
	startsAt: Date;
	endsAt: Date;
	/** Only the booking agent may take it until the window ends. */
	withMeOnly: boolean;
}

/** The customer's time zone for a callback: the contact's own, else the call centre's. */
export async function contactZone(trx: Transaction<Database>, campaignContactId: string, fallback: string): Promise<string> {
	const row = await trx
		.selectFrom('campaign_contacts as cc')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.select('k.time_zone')
		.where('cc.id', '=', campaignContactId)
		.executeTakeFirst();
	return row?.time_zone ?? fallback;
}

/** A wall-clock date and time in a zone, as an instant (for an appointment picked in a form). */
export const appointmentInstant = (date: string, time: string, timeZone: string): Date => zonedInstant(date, time, timeZone);

/**
 * Moves a claimed callback on by the disposition its call ended with, inside the
 * caller's transaction (the one that ends the call), following the campaign's
 * retry policy and calling hours on the customer's clock. Returns whether the
 * callback is now final; null when it was no longer in a call (answered by its
 * link meanwhile, say), which is left as it is.
 */
export async function settleCallback(
	trx: Transaction<Database>,
	campaignContactId: string,
	d: Disposition,
	ctx: { callId: string; agentId: string | null; appointment: AppointmentRequest | null },
	clock: Clock
): Promise<{ final: boolean } | null> {
	const cc = await trx
		.selectFrom('campaign_contacts as cc')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
		.select([
			'cc.status',
			'cc.attempts',
			'cc.deferrals',
			'cc.voicemails',
			'cc.campaign_id',
			'cc.contact_id',
			'k.do_not_contact',
			'k.time_zone',
			'c.max_attempts',
			'c.max_deferrals',
			'c.daily_attempt_cap',
			'c.voicemail_cap',
			'c.rotate_dayparts'
		])
		.where('cc.id', '=', campaignContactId)
		.forUpdate(['cc'])
		.executeTakeFirst();
	if (cc?.status !== 'calling') return null;
	const timeZone = cc.time_zone ?? clock.timeZone;
	const localMidnight = zonedInstant(todayIn(timeZone, clock.now), '00:00', timeZone);
	const today = await trx
		.selectFrom('calls')
		.innerJoin('dispositions as d', 'd.key', 'calls.outcome')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('calls.campaign_contact_id', '=', campaignContactId)
		.where('d.counts_attempt', '=', true)
		.where('calls.started_at', '>=', localMidnight)
		.where('calls.id', '!=', ctx.callId)
		.executeTakeFirstOrThrow();
	// The claim counted an attempt; a disposition that is not one gives it back.
	const attempts = d.countsAttempt ? cc.attempts : Math.max(0, cc.attempts - 1);
	const deferrals = cc.deferrals + (d.effect === 'appointment' ? 1 : 0);
	const voicemails = cc.voicemails + (d.effect === 'voicemail' ? 1 : 0);
	const s = settle(
		d,
		{ attempts, attemptsToday: Number(today.n) + (d.countsAttempt ? 1 : 0), deferrals, voicemails },
		{
			maxAttempts: cc.max_attempts,
			maxDeferrals: cc.max_deferrals,
			dailyAttemptCap: cc.daily_attempt_cap,
			voicemailCap: cc.voicemail_cap,
			rotateDayparts: cc.rotate_dayparts
		},
		{ now: clock.now, timeZone, hours: await hoursFor(trx, cc.campaign_id), appointmentStart: ctx.appointment?.startsAt ?? null }
	);
	const stopped = cc.do_not_contact || d.setsDnc;
	await trx
		.updateTable('campaign_contacts')
		.set({
			attempts,
			deferrals,
			voicemails,
			...(s.final
				? { status: s.status, final_disposition: s.disposition, call_after: null }
				: stopped
					? // Marked do-not-contact during the call: not called again.
						{ status: 'cancelled', final_disposition: d.key, call_after: null }
					: { status: 'scheduled', phone_due_date: todayIn(clock.timeZone, s.next), call_after: s.next }),
			...(s.contacted ? { contacted_on: todayIn(clock.timeZone, clock.now) } : {})
		})
		.where('id', '=', campaignContactId)
		.execute();
	if (!s.final && !stopped && d.effect === 'appointment' && ctx.appointment && ctx.appointment.startsAt.getTime() === s.next.getTime()) {
		await trx
			.insertInto('appointments')
			.values({
				campaign_contact_id: campaignContactId,
				starts_at: ctx.appointment.startsAt,
				ends_at: ctx.appointment.endsAt,
				time_zone: timeZone,
				agent_id: ctx.appointment.withMeOnly ? ctx.agentId : null,
				booked_by: ctx.agentId,
				booked_in_call: ctx.callId
			})
			.execute();
	}
	if (d.setsDnc && !cc.do_not_contact) {
		await trx
			.updateTable('contacts')
			.set({ do_not_contact: true, dnc_reason: sql`coalesce(dnc_reason, ${d.labelZh})`, updated_at: clock.now })
			.where('id', '=', cc.contact_id)
			.execute();
		await stopContacting(trx, [cc.contact_id]);
	}
	return { final: s.final || stopped };
}
