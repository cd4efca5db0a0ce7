import { sql } from 'kysely';
import type { Db } from '../db/index';
import { hashToken, newToken } from '../links/service';
import { timeZone } from '../config';
import { todayIn } from '../../domain/scheduling/dates';

const BATCH = 500;

/**
 * Queues an invitation for every due link callback of a running campaign that
 * sends its links (e-mail or SMS) and has none yet: a new link and a queued
 * message in one transaction. The callbacks are locked with SKIP LOCKED and the
 * message is unique per callback and kind, so concurrent runs queue each once.
 * A contact without the address the campaign needs gets a failed message
 * ("no address") instead, so the analyst sees why. Returns how many were queued.
 */
export async function queueInvitations(db: Db, now: Date): Promise<number> {
	const today = todayIn(timeZone(), now);
	let queued = 0;
	for (;;) {
		const n = await db.transaction().execute(async (trx) => {
			const rows = await trx
				.selectFrom('campaign_contacts as cc')
				.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
				.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
				.select(['cc.id', 'cc.campaign_id', 'c.link_delivery', 'c.link_valid_days', 'k.email', 'k.phone'])
				.where('c.status', '=', 'running')
				.where('c.link_delivery', 'in', ['email', 'sms'])
				.where('cc.channel', '=', 'link')
				.where('cc.status', '=', 'scheduled')
				.where(sql<boolean>`cc.due_date <= ${today}::date`)
				.where('k.do_not_contact', '=', false)
				.where((eb) =>
					eb.not(eb.exists(eb.selectFrom('link_messages as m').select('m.id').whereRef('m.campaign_contact_id', '=', 'cc.id').where('m.kind', '=', 'invitation')))
				)
				// A link handed out by CSV export is not sent again.
				.where((eb) =>
					eb.not(
						eb.exists(
							eb
								.selectFrom('survey_links as l')
								.select('l.id')
								.whereRef('l.campaign_contact_id', '=', 'cc.id')
								.where('l.revoked_at', 'is', null)
								.where((e) => e.or([e('l.used_at', 'is not', null), e('l.expires_at', '>', now)]))
						)
					)
				)
				.orderBy('cc.due_date')
				.limit(BATCH)
				.forUpdate('cc')
				.skipLocked()
				.execute();
			for (const r of rows) {
				const channel = r.link_delivery === 'sms' ? ('sms' as const) : ('email' as const);
				const recipient = (channel === 'email' ? r.email : r.phone)?.trim() ?? '';
				let linkId: string | null = null;
				if (recipient) {
					// The token is chosen again when the message is sent (it is never stored in clear).
					const link = await trx
						.insertInto('survey_links')
						.values({
							campaign_contact_id: r.id,
							token_hash: hashToken(newToken()),
							expires_at: new Date(now.getTime() + r.link_valid_days * 86_400_000)
						})
						.returning('id')
						.executeTakeFirstOrThrow();
					linkId = link.id;
				}
				await trx
					.insertInto('link_messages')
					.values({
						campaign_id: r.campaign_id,
						campaign_contact_id: r.id,
						survey_link_id: linkId,
						kind: 'invitation',
						channel,
						recipient,
						status: recipient ? 'queued' : 'failed',
						error: recipient ? null : 'no_address',
						failed_at: recipient ? null : now,
						next_attempt_at: now,
						queued_at: now
					})
					.execute();
			}
			return rows.length;
		});
		queued += n;
		if (n < BATCH) return queued;
	}
}

/**
 * Queues one reminder for each sent invitation whose link is still unanswered
 * `reminder_after_days` after it went, while the link is live and the contact may
 * be contacted. Unique per callback and kind: at most one reminder ever.
 */
export async function queueReminders(db: Db, now: Date): Promise<number> {
	const rows = await db
		.selectFrom('link_messages as m')
		.innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
		.innerJoin('survey_links as l', 'l.id', 'm.survey_link_id')
		.innerJoin('campaign_contacts as cc', 'cc.id', 'm.campaign_contact_id')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.select(['m.campaign_id', 'm.campaign_contact_id', 'm.survey_link_id', 'm.channel', 'm.recipient'])
		.where('m.kind', '=', 'invitation')
		.where('m.status', 'in', ['sent', 'delivered'])
		.where('c.status', '=', 'running')
		.where('c.reminder_after_days', 'is not', null)
		.where(sql<boolean>`m.sent_at <= ${now}::timestamptz - make_interval(days => c.reminder_after_days)`)
		.where('l.used_at', 'is', null)
		.where('l.revoked_at', 'is', null)
		.where('l.expires_at', '>', now)
		.where('cc.status', '=', 'scheduled')
		.where('k.do_not_contact', '=', false)
		.where((eb) =>
			eb.not(eb.exists(eb.selectFrom('link_messages as r').select('r.id').whereRef('r.campaign_contact_id', '=', 'm.campaign_contact_id').where('r.kind', '=', 'reminder')))
		)
		.limit(BATCH)
		.execute();
	if (rows.length === 0) return 0;
	const result = await db
		.insertInto('link_messages')
		.values(rows.map((r) => ({ ...r, kind: 'reminder' as const, next_attempt_at: now, queued_at: now })))
		.onConflict((oc) => oc.constraint('link_messages_once').doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Messages still waiting whose link expired, was answered or revoked meanwhile: failed, never sent. */
export async function expireMessages(db: Db, now: Date): Promise<number> {
	const result = await db
		.updateTable('link_messages')
		.set({ status: 'failed', error: 'link_unavailable', failed_at: now, claimed_until: null })
		.where('status', '=', 'queued')
		.where('survey_link_id', 'in', (eb) =>
			eb
				.selectFrom('survey_links')
				.select('id')
				.where((e) => e.or([e('expires_at', '<=', now), e('used_at', 'is not', null), e('revoked_at', 'is not', null)]))
		)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}
