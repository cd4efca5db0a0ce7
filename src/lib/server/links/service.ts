import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db';
import type { PublishedVersion } from '../questionnaires/service';
import { immutableVersion } from '../questionnaires/version-cache';
import { submitWebResponse } from '../responses/service';
import type { AnswerValue } from '../../domain/questionnaire/answers';
import type { Definition } from '../../domain/questionnaire/definition';
import { contactPipeValues, type PipeValues } from '../../domain/questionnaire/piping';

/** 192 random bits, base64url: unguessable, short enough for an SMS. Only its SHA-256 is stored. */
export function newToken(): string {
	return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Tokens are 32 base64url characters; anything else is refused before touching the database. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export interface IssuedLink {
	name: string;
	phone: string | null;
	email: string | null;
	token: string;
	expiresAt: Date;
}

/**
 * Creates links for a campaign's scheduled link callbacks and returns their tokens
 * (the only time they exist in clear). Callbacks that already have a live link are
 * skipped, unless `reissue`, which revokes the unused live links first. Contacts
 * marked do-not-contact since they were scheduled get no link.
 */
export async function issueLinks(
	db: Db,
	campaignId: string,
	opts: { reissue: boolean; now?: Date }
): Promise<{ links: IssuedLink[]; alreadyIssued: number; doNotContact: number } | null> {
	const now = opts.now ?? new Date();
	return db.transaction().execute(async (trx) => {
		const campaign = await trx
			.selectFrom('campaigns')
			.select(['status', 'link_valid_days', 'channel'])
			.where('id', '=', campaignId)
			.forUpdate()
			.executeTakeFirst();
		if (!campaign || campaign.channel === 'phone' || campaign.status === 'draft' || campaign.status === 'finished') return null;
		if (opts.reissue) {
			await trx
				.updateTable('survey_links')
				.set({ revoked_at: now })
				.where('used_at', 'is', null)
				.where('revoked_at', 'is', null)
				.where('expires_at', '>', now)
				.where('campaign_contact_id', 'in', (eb) => eb.selectFrom('campaign_contacts').select('id').where('campaign_id', '=', campaignId))
				.execute();
		}
		const rows = await trx
			.selectFrom('campaign_contacts as cc')
			.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
			.select(['cc.id', 'k.name', 'k.phone', 'k.email', 'k.do_not_contact'])
			.select((eb) =>
				eb
					.exists(
						eb
							.selectFrom('survey_links as l')
							.select('l.id')
							.whereRef('l.campaign_contact_id', '=', 'cc.id')
							.where('l.revoked_at', 'is', null)
							.where((e) => e.or([e('l.used_at', 'is not', null), e('l.expires_at', '>', now)]))
					)
					.as('has_link')
			)
			.where('cc.campaign_id', '=', campaignId)
			.where('cc.channel', '=', 'link')
			.where('cc.status', '=', 'scheduled')
			.orderBy('k.name')
			.orderBy('cc.id')
			.execute();
		const expiresAt = new Date(now.getTime() + campaign.link_valid_days * 86_400_000);
		const links: IssuedLink[] = [];
		const values: { campaign_contact_id: string; token_hash: string; expires_at: Date }[] = [];
		let alreadyIssued = 0;
		let doNotContact = 0;
		for (const r of rows) {
			if (r.do_not_contact) doNotContact++;
			else if (r.has_link) alreadyIssued++;
			else {
				const token = newToken();
				links.push({ name: r.name, phone: r.phone, email: r.email, token, expiresAt });
				values.push({ campaign_contact_id: r.id, token_hash: hashToken(token), expires_at: expiresAt });
			}
		}
		for (let i = 0; i < values.length; i += 1000) {
			await trx.insertInto('survey_links').values(values.slice(i, i + 1000)).execute();
		}
		return { links, alreadyIssued, doNotContact };
	});
}

export type LinkLookup =
	| { state: 'not_found' }
	| { state: 'used' | 'expired' | 'revoked' | 'closed'; title: string }
	| {
			state: 'open';
			linkId: string;
			title: string;
			version: PublishedVersion;
			contactId: string;
			campaignId: string;
			pipe: PipeValues;
	  };

/** What /l/<token> shows: the campaign's questionnaire version for this customer, or why not. */
export async function lookupLink(db: Db, token: string, now = new Date()): Promise<LinkLookup> {
	if (!TOKEN_PATTERN.test(token)) return { state: 'not_found' };
	const row = await db
		.selectFrom('survey_links as l')
		.innerJoin('campaign_contacts as cc', 'cc.id', 'l.campaign_contact_id')
		.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.innerJoin('questionnaires as q', 'q.id', 'c.questionnaire_id')
		.select([
			'l.id',
			'l.used_at',
			'l.revoked_at',
			'l.expires_at',
			'c.id as campaign_id',
			'c.version_id',
			'c.status as campaign_status',
			'q.title',
			'q.status as questionnaire_status',
			'k.id as contact_id',
			'k.name',
			'k.tier',
			'k.industry',
			'k.product',
			'k.attributes',
			sql<string | null>`k.event_date::text`.as('event_date')
		])
		.where('l.token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row) return { state: 'not_found' };
	if (row.used_at) return { state: 'used', title: row.title };
	if (row.revoked_at) return { state: 'revoked', title: row.title };
	if (new Date(row.expires_at) <= now) return { state: 'expired', title: row.title };
	if (row.campaign_status === 'finished' || row.questionnaire_status !== 'open') return { state: 'closed', title: row.title };
	// The campaign's version comes from memory (versions are immutable); the title is current.
	const immutable = await immutableVersion(db, row.version_id);
	if (!immutable) return { state: 'not_found' };
	const version = { ...immutable, title: row.title };
	const pipe = contactPipeValues({ ...row, eventDate: row.event_date });
	return { state: 'open', linkId: row.id, title: row.title, version, contactId: row.contact_id, campaignId: row.campaign_id, pipe };
}

export class LinkUnavailableError extends Error {
	constructor() {
		super('the link was used, revoked or expired meanwhile');
	}
}

/**
 * Stores the response and consumes the link in one transaction: the link update
 * must take the still-unused link, or everything rolls back (LinkUnavailableError).
 * Of any number of concurrent submissions with one token, exactly one is stored.
 */
export async function submitLinkResponse(
	db: Db,
	s: { linkId: string; questionnaireId: string; versionId: string; definition?: Definition; contactId: string; campaignId: string; submissionId: string; answers: AnswerValue[] }
): Promise<{ duplicate: boolean }> {
	return submitWebResponse(db, {
		questionnaireId: s.questionnaireId,
		versionId: s.versionId,
		definition: s.definition,
		submissionId: s.submissionId,
		answers: s.answers,
		contactId: s.contactId,
		campaignId: s.campaignId,
		within: async (trx, responseId) => {
			const consumed = await trx
				.updateTable('survey_links')
				.set({ used_at: new Date(), response_id: responseId })
				.where('id', '=', s.linkId)
				.where('used_at', 'is', null)
				.where('revoked_at', 'is', null)
				.where('expires_at', '>', new Date())
				.executeTakeFirst();
			if (Number(consumed.numUpdatedRows) !== 1) throw new LinkUnavailableError();
			await trx
				.updateTable('campaign_contacts')
				.set({ status: 'responded' })
				.where('id', '=', (eb) => eb.selectFrom('survey_links').select('campaign_contact_id').where('id', '=', s.linkId))
				.execute();
		}
	});
}

/** Revokes a callback's unused links (e.g. a link sent to a wrong number); with `contactId`, only that contact's. */
export async function revokeLinks(db: Db, campaignContactId: string, contactId?: string): Promise<number> {
	const result = await db
		.updateTable('survey_links')
		.set({ revoked_at: new Date() })
		.where('campaign_contact_id', '=', campaignContactId)
		.$if(!!contactId, (q) =>
			q.where('campaign_contact_id', 'in', (eb) => eb.selectFrom('campaign_contacts').select('id').where('contact_id', '=', contactId!))
		)
		.where('used_at', 'is', null)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** The version and customer of an answered link (for its thanks page); 'unanswered' or null when not found. */
export async function answeredLink(db: Db, token: string): Promise<{ versionId: string; name: string } | 'unanswered' | null> {
	if (!TOKEN_PATTERN.test(token)) return null;
	const row = await db
		.selectFrom('survey_links as l')
		.leftJoin('responses as r', 'r.id', 'l.response_id')
		.leftJoin('contacts as k', 'k.id', 'r.contact_id')
		.select(['l.used_at', 'r.version_id', 'k.name'])
		.where('l.token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row) return null;
	if (!row.used_at || !row.version_id) return 'unanswered';
	return { versionId: row.version_id, name: row.name ?? '' };
}

/** A campaign's links by state, for its page. */
export async function linkCounts(db: Db, campaignId: string, now = new Date()) {
	const row = await db
		.selectFrom('survey_links as l')
		.innerJoin('campaign_contacts as cc', 'cc.id', 'l.campaign_contact_id')
		.where('cc.campaign_id', '=', campaignId)
		.select((eb) => [
			eb.fn.countAll<string>().filterWhere('l.used_at', 'is not', null).as('used'),
			eb.fn.countAll<string>().filterWhere((e) => e.and([e('l.used_at', 'is', null), e('l.revoked_at', 'is not', null)])).as('revoked'),
			eb.fn
				.countAll<string>()
				.filterWhere((e) => e.and([e('l.used_at', 'is', null), e('l.revoked_at', 'is', null), e('l.expires_at', '<=', now)]))
				.as('expired'),
			eb.fn
				.countAll<string>()
				.filterWhere((e) => e.and([e('l.used_at', 'is', null), e('l.revoked_at', 'is', null), e('l.expires_at', '>', now)]))
				.as('live')
		])
		.executeTakeFirstOrThrow();
	return { used: Number(row.used), revoked: Number(row.revoked), expired: Number(row.expired), live: Number(row.live) };
}
