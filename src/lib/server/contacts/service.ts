import { sql } from 'kysely';
import type { Db } from '../db';
import { isUniqueViolation } from '../db/errors';
import type { ContactForm } from '../../domain/contacts/edit';
import { contactTimeZone } from '../../domain/contacts/time-zones';
import { stopContacting } from './do-not-contact';
import { recordAudit } from '../audit/service';
import { requeueFixedNumber } from '../calls/queue';

export const PAGE_SIZE = 50;

export interface ContactFilter {
	search: string | null;
	tier: string | null;
	industry: string | null;
	dnc: 'yes' | 'no' | null;
	page: number;
}

/** `event_date` as 'YYYY-MM-DD' text: both drivers would otherwise turn a date into a Date at local midnight. */
export const eventDateText = sql<string | null>`contacts.event_date::text`.as('event_date');

/** Contacts matching a search (name, phone, e-mail, external id) and filters, one page at a time. */
export async function listContacts(db: Db, f: ContactFilter) {
	let query = db.selectFrom('contacts');
	if (f.search) {
		const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		query = query.where((eb) =>
			eb.or([eb('name', 'ilike', like), eb('phone', 'like', like), eb('email', 'ilike', like), eb('external_id', 'ilike', like)])
		);
	}
	if (f.tier) query = query.where('tier', '=', f.tier);
	if (f.industry) query = query.where('industry', '=', f.industry);
	if (f.dnc) query = query.where('do_not_contact', '=', f.dnc === 'yes');
	const [rows, count] = await Promise.all([
		query
			.select(['id', 'name', 'phone', 'email', 'external_id', 'tier', 'industry', 'product', 'do_not_contact', eventDateText])
			.orderBy('name')
			.orderBy('id')
			.limit(PAGE_SIZE)
			.offset((f.page - 1) * PAGE_SIZE)
			.execute(),
		query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}

/** Distinct tiers and industries in use, for the list's filters. */
export async function contactFacets(db: Db) {
	const [tiers, industries] = await Promise.all([
		db.selectFrom('contacts').select('tier').distinct().where('tier', 'is not', null).orderBy('tier').limit(100).execute(),
		db.selectFrom('contacts').select('industry').distinct().where('industry', 'is not', null).orderBy('industry').limit(100).execute()
	]);
	return { tiers: tiers.map((t) => t.tier!), industries: industries.map((i) => i.industry!) };
}

export async function getContact(db: Db, id: string) {
	const row = await db
		.selectFrom('contacts')
		.leftJoin('users', 'users.id', 'contacts.owner_id')
		.select([
			'contacts.id',
			'contacts.name',
			'contacts.phone',
			'contacts.email',
			'contacts.external_id',
			'contacts.tier',
			'contacts.industry',
			'contacts.product',
			'contacts.do_not_contact',
			'contacts.dnc_reason',
			'contacts.time_zone',
			'contacts.attributes',
			'contacts.created_at',
			'contacts.updated_at',
			'users.display_name as owner_name',
			eventDateText
		])
		.where('contacts.id', '=', id)
		.executeTakeFirst();
	return row ?? null;
}

export type UpdateResult = { ok: true } | { ok: false; notFound: true } | { ok: false; errors: Record<string, string> };

/**
 * Saves the contact form; a phone or external id another contact has is refused by
 * the unique keys. Marking do-not-contact cancels the contact's scheduled callbacks.
 */
export async function updateContact(db: Db, id: string, c: ContactForm, actorId: string | null = null): Promise<UpdateResult> {
	try {
		return await db.transaction().execute(async (trx) => {
			const before = await trx.selectFrom('contacts').select(['phone', 'do_not_contact']).where('id', '=', id).forUpdate().executeTakeFirst();
			const result = await trx
				.updateTable('contacts')
				.set({
					name: c.name,
					phone: c.phone,
					email: c.email,
					external_id: c.externalId,
					tier: c.tier,
					industry: c.industry,
					product: c.product,
					event_date: c.eventDate,
					do_not_contact: c.doNotContact,
					dnc_reason: c.doNotContact ? c.dncReason : null,
					// No zone chosen: the number's country's, so a changed number brings its own clock.
					time_zone: contactTimeZone(c.timeZone, null, c.phone),
					updated_at: new Date()
				})
				.where('id', '=', id)
				.executeTakeFirst();
			if (Number(result.numUpdatedRows) === 0) return { ok: false as const, notFound: true as const };
			if (before && before.do_not_contact !== c.doNotContact) {
				await recordAudit(trx, { actorId, action: 'do_not_contact_changed', targetType: 'contact', targetId: id, detail: { doNotContact: c.doNotContact } });
			}
			if (c.doNotContact) await stopContacting(trx, [id]);
			else if (c.phone && c.phone !== before?.phone) await requeueFixedNumber(trx, id);
			return { ok: true as const };
		});
	} catch (e) {
		if (isUniqueViolation(e, 'contacts_phone_key')) return { ok: false, errors: { phone: 'taken' } };
		if (isUniqueViolation(e, 'contacts_external_id_key')) return { ok: false, errors: { externalId: 'taken' } };
		throw e;
	}
}
