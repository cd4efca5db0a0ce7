import { sql } from 'kysely';
import type { Db } from '../db/index';
import { emitEvent } from '../webhooks/emit';
import type { CampaignDelivery } from '../../domain/delivery/settings';
import type { FunnelCounts } from '../../domain/delivery/funnel';

/**
 * A campaign's links through the stages: sent and delivered by their messages,
 * opened at the first view, started at the first save (or the answer), answered.
 * A later stage counts in the earlier ones from "opened" on (an answer proves a
 * view). Links handed out by CSV export were not sent by us: they count in
 * `links` and from "opened" on.
 */
export async function campaignFunnel(db: Db, campaignId: string): Promise<FunnelCounts> {
	const { rows } = await sql<{ links: string; sent: string; delivered: string; opened: string; started: string; answered: string }>`
		with per_link as (
			select l.id,
				exists (select 1 from link_messages m where m.survey_link_id = l.id and m.status in ('sent', 'delivered')) as sent,
				exists (select 1 from link_messages m where m.survey_link_id = l.id and m.status = 'delivered') as delivered,
				l.used_at is not null as answered,
				l.used_at is not null or exists (
					select 1 from responses r where r.submission_id = l.id and r.campaign_id = ${campaignId}
				) as started,
				l.opened_at is not null as opened
			from survey_links l
			join campaign_contacts cc on cc.id = l.campaign_contact_id
			where cc.campaign_id = ${campaignId}
		)
		select count(*) as links,
			count(*) filter (where sent or delivered) as sent,
			count(*) filter (where delivered) as delivered,
			count(*) filter (where opened or started) as opened,
			count(*) filter (where started) as started,
			count(*) filter (where answered) as answered
		from per_link`.execute(db);
	const r = rows[0]!;
	return {
		links: Number(r.links),
		sent: Number(r.sent),
		delivered: Number(r.delivered),
		opened: Number(r.opened),
		started: Number(r.started),
		answered: Number(r.answered)
	};
}

export interface LinkRow {
	recipient: string;
	name: string;
	channel: 'email' | 'sms' | null;
	kind: 'invitation' | 'reminder' | null;
	status: 'queued' | 'sending' | 'sent' | 'failed' | 'delivered' | null;
	error: string | null;
	sentAt: Date | null;
	openedAt: Date | null;
	started: boolean;
	answeredAt: Date | null;
	expiresAt: Date | null;
}

/** Per link (and per callback whose message could not be prepared): its latest message and how far it got. */
export async function campaignLinks(db: Db, campaignId: string, limit = 200): Promise<LinkRow[]> {
	const rows = await db
		.selectFrom('link_messages as m')
		.innerJoin('campaign_contacts as cc', 'cc.id', 'm.campaign_contact_id')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.leftJoin('survey_links as l', 'l.id', 'm.survey_link_id')
		.select(['m.recipient', 'k.name', 'm.channel', 'm.kind', 'm.status', 'm.error', 'm.sent_at', 'l.opened_at', 'l.used_at', 'l.expires_at'])
		.select((eb) =>
			eb.exists(eb.selectFrom('responses as r').select('r.id').whereRef('r.submission_id', '=', 'l.id').where('r.campaign_id', '=', campaignId)).as('started')
		)
		.where('m.campaign_id', '=', campaignId)
		// The reminder when there is one, else the invitation.
		.where((eb) =>
			eb.or([
				eb('m.kind', '=', 'reminder'),
				eb.not(eb.exists(eb.selectFrom('link_messages as r2').select('r2.id').whereRef('r2.campaign_contact_id', '=', 'm.campaign_contact_id').where('r2.kind', '=', 'reminder')))
			])
		)
		.orderBy('m.queued_at', 'desc')
		.orderBy('k.name')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		recipient: r.recipient,
		name: r.name,
		channel: r.channel,
		kind: r.kind,
		status: r.status,
		error: r.error,
		sentAt: r.sent_at,
		openedAt: r.opened_at,
		started: Boolean(r.started) || r.used_at !== null,
		answeredAt: r.used_at,
		expiresAt: r.expires_at
	}));
}

/** Messages of a campaign by status, for its delivery page. */
export async function messageCounts(db: Db, campaignId: string) {
	const rows = await db
		.selectFrom('link_messages')
		.select(['status', (eb) => eb.fn.countAll<string>().as('n')])
		.where('campaign_id', '=', campaignId)
		.groupBy('status')
		.execute();
	const counts = { queued: 0, sending: 0, sent: 0, failed: 0, delivered: 0 };
	for (const r of rows) counts[r.status] = Number(r.n);
	return counts;
}

/** The first view of /l/<token>; later views change nothing. */
/**
 * The first view of a personal link: the funnel's "opened", and link.opened for webhook
 * subscribers, once per link however many views race (the row lock decides the first).
 */
export async function markOpened(db: Db, link: { linkId: string; campaignId: string; contactId: string }, now: Date): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const first = await trx
			.updateTable('survey_links')
			.set({ opened_at: now })
			.where('id', '=', link.linkId)
			.where('opened_at', 'is', null)
			.returning('id')
			.executeTakeFirst();
		if (first) {
			const { linkId, campaignId, contactId } = link;
			await emitEvent(trx, 'link.opened', { linkId, campaignId, contactId, openedAt: now.toISOString() }, now);
		}
	});
}

export async function getCampaignDelivery(db: Db, campaignId: string): Promise<CampaignDelivery | null> {
	const row = await db
		.selectFrom('campaigns')
		.select(['link_delivery', 'message_locale', 'reminder_after_days'])
		.where('id', '=', campaignId)
		.executeTakeFirst();
	return row ? { linkDelivery: row.link_delivery, messageLocale: row.message_locale, reminderAfterDays: row.reminder_after_days } : null;
}

/** Sets how a link campaign sends its links; false for an unknown or phone-only campaign. */
export async function setCampaignDelivery(db: Db, campaignId: string, d: CampaignDelivery): Promise<boolean> {
	const result = await db
		.updateTable('campaigns')
		.set({ link_delivery: d.linkDelivery, message_locale: d.messageLocale, reminder_after_days: d.reminderAfterDays })
		.where('id', '=', campaignId)
		.where('channel', '!=', 'phone')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}
