import { sql } from 'kysely';
import type { Db } from '../db/index';
import type { Selectable, Updateable } from 'kysely';
import type { LinkMessagesTable } from '../db/types';
import { hashToken, newToken } from '../links/service';
import { companyName } from '../users/service';
import { timeZone } from '../config';
import { isLocale, type Locale } from '../../domain/locale';
import { contactPipeValues } from '../../domain/questionnaire/piping';
import { earliestSend, retryAt, sendBudget } from '../../domain/delivery/sending-rules';
import { REMINDER_PREFIX, emailHtml, renderTemplate } from '../../domain/delivery/templates';
import type { DeliverySettings } from '../../domain/delivery/settings';
import { getDeliverySettings, publicOrigin, secretsFromEnv, type DeliverySecrets } from './settings';
import { SendError, realTransports, type Transports } from './transport';

type Message = Selectable<LinkMessagesTable>;
type Channel = Message['channel'];

/** How long a sender holds a claimed message before another process may take it over. */
const CLAIM_MS = 2 * 60_000;

/**
 * Claims the channel's due messages, as many as the per-minute limit leaves.
 * A transaction-scoped advisory lock makes concurrent senders count and claim
 * one after the other, so together they keep to the limit; SKIP LOCKED and the
 * `sending` state keep one message with one sender. A message whose sender died
 * (claim expired) is due again.
 */
async function claim(db: Db, channel: Channel, now: Date, perMinute: number): Promise<Message[]> {
	return db.transaction().execute(async (trx) => {
		await sql`select pg_advisory_xact_lock(hashtext(${`huifang.link_messages.${channel}`}))`.execute(trx);
		const counts = await trx
			.selectFrom('link_messages')
			.select((eb) => [
				eb.fn.countAll<string>().filterWhere('sent_at', '>', new Date(now.getTime() - 60_000)).as('sent'),
				eb.fn
					.countAll<string>()
					.filterWhere((e) => e.and([e('status', '=', 'sending'), e('claimed_until', '>', now)]))
					.as('in_flight')
			])
			.where('channel', '=', channel)
			.executeTakeFirstOrThrow();
		const budget = sendBudget(perMinute, Number(counts.sent), Number(counts.in_flight));
		if (budget === 0) return [];
		const due = await trx
			.selectFrom('link_messages')
			.select('id')
			.where('channel', '=', channel)
			.where((e) =>
				e.or([
					e.and([e('status', '=', 'queued'), e('next_attempt_at', '<=', now)]),
					e.and([e('status', '=', 'sending'), e('claimed_until', '<=', now)])
				])
			)
			.orderBy('next_attempt_at')
			.limit(budget)
			.forUpdate()
			.skipLocked()
			.execute();
		if (due.length === 0) return [];
		return trx
			.updateTable('link_messages')
			.set((eb) => ({ status: 'sending', claimed_until: new Date(now.getTime() + CLAIM_MS), attempts: eb('attempts', '+', 1) }))
			.where(
				'id',
				'in',
				due.map((d) => d.id)
			)
			.returningAll()
			.execute();
	});
}

async function details(db: Db, m: Message) {
	return db
		.selectFrom('campaign_contacts as cc')
		.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.select(['c.message_locale', 'k.name', 'k.tier', 'k.industry', 'k.product', 'k.attributes', 'k.do_not_contact', 'k.time_zone'])
		.select(sql<string | null>`k.event_date::text`.as('event_date'))
		.where('cc.id', '=', m.campaign_contact_id)
		.executeTakeFirstOrThrow();
}

/** A fresh token for the link (the last one sent stops working); null when the link may no longer be answered. */
async function rotateToken(db: Db, linkId: string, now: Date): Promise<{ token: string; expiresAt: Date } | null> {
	const token = newToken();
	const row = await db
		.updateTable('survey_links')
		.set({ token_hash: hashToken(token) })
		.where('id', '=', linkId)
		.where('used_at', 'is', null)
		.where('revoked_at', 'is', null)
		.where('expires_at', '>', now)
		.returning('expires_at')
		.executeTakeFirst();
	return row ? { token, expiresAt: new Date(row.expires_at) } : null;
}

const formatExpiry = (at: Date, locale: Locale, zone: string) =>
	new Intl.DateTimeFormat(locale, { timeZone: zone, year: 'numeric', month: 'long', day: 'numeric' }).format(at);

async function finish(db: Db, id: string, set: Updateable<LinkMessagesTable>) {
	await db
		.updateTable('link_messages')
		.set({ claimed_until: null, ...set })
		.where('id', '=', id)
		.where('status', '=', 'sending')
		.execute();
}

export type Outcome = 'sent' | 'held' | 'retry' | 'failed';

async function sendOne(db: Db, m: Message, now: Date, ctx: { settings: DeliverySettings; secrets: DeliverySecrets; transports: Transports; company: string }): Promise<Outcome> {
	const d = await details(db, m);
	if (d.do_not_contact) {
		await finish(db, m.id, { status: 'failed', error: 'do_not_contact', failed_at: now });
		return 'failed';
	}
	const zone = d.time_zone || timeZone();
	if (m.channel === 'sms') {
		const at = earliestSend(ctx.settings.quiet, zone, now);
		if (at > now) {
			// Quiet hours on the customer's clock: wait, without spending an attempt.
			await finish(db, m.id, { status: 'queued', next_attempt_at: at, attempts: m.attempts - 1 });
			return 'held';
		}
	}
	const link = m.survey_link_id ? await rotateToken(db, m.survey_link_id, now) : null;
	if (!link) {
		await finish(db, m.id, { status: 'failed', error: 'link_unavailable', failed_at: now });
		return 'failed';
	}
	const locale: Locale = isLocale(d.message_locale) ? d.message_locale : 'zh-CN';
	const values = { ...contactPipeValues({ ...d, eventDate: d.event_date }), 'company.name': ctx.company };
	const url = `${publicOrigin()}/l/${link.token}`;
	const extra = { link: url, expires: formatExpiry(link.expiresAt, locale, zone) };
	const t = ctx.settings.templates;
	const prefix = m.kind === 'reminder' ? REMINDER_PREFIX[locale] : '';
	try {
		let sent: { providerId: string | null };
		if (m.channel === 'email') {
			const text = renderTemplate(t.emailBody[locale], values, locale, extra);
			sent = await ctx.transports.email(ctx.settings, ctx.secrets, {
				to: m.recipient,
				subject: prefix + renderTemplate(t.emailSubject[locale], values, locale, extra),
				text,
				html: emailHtml(text, url, locale)
			});
		} else {
			const text = prefix + renderTemplate(t.sms[locale], values, locale, extra);
			sent = await ctx.transports.sms(ctx.settings, ctx.secrets, { id: m.id, phone: m.recipient, text });
		}
		await finish(db, m.id, { status: 'sent', sent_at: now, provider_id: sent.providerId, error: null });
		return 'sent';
	} catch (e) {
		const reason = e instanceof SendError ? e.message : `unexpected: ${String(e)}`.slice(0, 500);
		const next = retryAt(m.attempts, now);
		await finish(db, m.id, next ? { status: 'queued', next_attempt_at: next, error: reason } : { status: 'failed', error: reason, failed_at: now });
		return next ? 'retry' : 'failed';
	}
}

/**
 * Sends the due messages of both channels within the rate limit: SMS waits out
 * the customer's quiet hours, a failed send is retried with backoff (1, 5, 30,
 * 120 minutes) and then fails with its reason. Safe to run in several processes.
 */
export async function sendDueMessages(db: Db, now: Date, transports: Transports = realTransports): Promise<Record<Outcome, number>> {
	const settings = await getDeliverySettings(db);
	const ctx = { settings, secrets: secretsFromEnv(), transports, company: await companyName(db) };
	const tally: Record<Outcome, number> = { sent: 0, held: 0, retry: 0, failed: 0 };
	for (const channel of ['email', 'sms'] as const) {
		for (const m of await claim(db, channel, now, settings.ratePerMinute)) tally[await sendOne(db, m, now, ctx)]++;
	}
	return tally;
}
