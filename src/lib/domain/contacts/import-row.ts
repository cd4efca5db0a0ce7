import { LIMITS, type ColumnTarget } from './fields';
import { normalizeDate, normalizeEmail, normalizePhone, parseYesNo } from './values';
import { contactTimeZone, normalizeTimeZone } from './time-zones';

/** What one CSV row says about a contact; `null` means the row does not say (and a merge keeps the old value). */
export interface ContactRow {
	name: string;
	phone: string | null;
	email: string | null;
	externalId: string | null;
	tier: string | null;
	industry: string | null;
	product: string | null;
	eventDate: string | null;
	owner: string | null;
	/** true only: an import never lifts a do-not-contact flag someone set. */
	doNotContact: true | null;
	dncReason: string | null;
	/** An IANA zone the row names; a zone derived from the phone is added when the contact is written. */
	timeZone: string | null;
	attributes: Record<string, string>;
}

/** Why a row was refused: a message key and the offending value, shown in the report. */
export interface Rejection {
	row: number;
	reason: string;
	value?: string;
}

export type RowResult = { ok: true; contact: ContactRow } | { ok: false; reason: string; value?: string };

const tooLong = (value: string, limit: number) => value.length > limit;

/** Validates and normalises one data row against the mapping; never coerces a bad value silently. */
export function readRow(targets: ColumnTarget[], cells: string[]): RowResult {
	if (cells.length !== targets.length) {
		return { ok: false, reason: 'contacts_reject_columns', value: `${cells.length}/${targets.length}` };
	}
	const c: ContactRow = {
		name: '',
		phone: null,
		email: null,
		externalId: null,
		tier: null,
		industry: null,
		product: null,
		eventDate: null,
		owner: null,
		doNotContact: null,
		dncReason: null,
		timeZone: null,
		attributes: {}
	};
	for (let i = 0; i < targets.length; i++) {
		const target = targets[i]!;
		const raw = cells[i]!.trim();
		if (target.kind === 'ignore' || raw === '') continue;
		if (target.kind === 'attribute') {
			if (tooLong(raw, LIMITS.attribute)) return { ok: false, reason: 'contacts_reject_too_long', value: target.key };
			c.attributes[target.key] = raw;
			continue;
		}
		switch (target.field) {
			case 'name':
				if (tooLong(raw, LIMITS.name)) return { ok: false, reason: 'contacts_reject_too_long', value: raw.slice(0, 40) };
				c.name = raw;
				break;
			case 'phone':
				c.phone = normalizePhone(raw);
				if (!c.phone) return { ok: false, reason: 'contacts_reject_phone', value: raw };
				break;
			case 'email':
				c.email = normalizeEmail(raw);
				if (!c.email) return { ok: false, reason: 'contacts_reject_email', value: raw };
				break;
			case 'event_date':
				c.eventDate = normalizeDate(raw);
				if (!c.eventDate) return { ok: false, reason: 'contacts_reject_date', value: raw };
				break;
			case 'do_not_contact': {
				const flag = parseYesNo(raw);
				if (flag === null) return { ok: false, reason: 'contacts_reject_yes_no', value: raw };
				c.doNotContact = flag ? true : null;
				break;
			}
			case 'external_id':
			case 'tier':
			case 'industry':
			case 'product':
			case 'dnc_reason': {
				if (tooLong(raw, LIMITS[target.field])) return { ok: false, reason: 'contacts_reject_too_long', value: raw.slice(0, 40) };
				if (target.field === 'external_id') c.externalId = raw;
				else if (target.field === 'dnc_reason') c.dncReason = raw;
				else c[target.field] = raw;
				break;
			}
			case 'owner':
				c.owner = raw;
				break;
			case 'time_zone':
				c.timeZone = normalizeTimeZone(raw);
				if (!c.timeZone) return { ok: false, reason: 'contacts_reject_time_zone', value: raw };
				break;
		}
	}
	if (!c.name) return { ok: false, reason: 'contacts_reject_name_missing' };
	return { ok: true, contact: c };
}

/** A new contact from a row: the zone the row names, else its number's country's (null: APP_TIMEZONE). */
export const newContact = (row: ContactRow): ContactRow => ({ ...row, timeZone: contactTimeZone(row.timeZone, null, row.phone) });

/**
 * A merge: what the row says wins, what it leaves empty stays; attributes are combined. A zone
 * someone set stays unless the row names another; a contact without one gets its number's.
 */
export function mergeContact(old: ContactRow, row: ContactRow): ContactRow {
	const pick = <T>(a: T | null, b: T | null) => (b ?? a);
	const phone = pick(old.phone, row.phone);
	return {
		name: row.name || old.name,
		phone,
		email: pick(old.email, row.email),
		externalId: pick(old.externalId, row.externalId),
		tier: pick(old.tier, row.tier),
		industry: pick(old.industry, row.industry),
		product: pick(old.product, row.product),
		eventDate: pick(old.eventDate, row.eventDate),
		owner: pick(old.owner, row.owner),
		doNotContact: pick(old.doNotContact, row.doNotContact),
		dncReason: pick(old.dncReason, row.dncReason),
		timeZone: contactTimeZone(row.timeZone, old.timeZone, phone),
		attributes: { ...old.attributes, ...row.attributes }
	};
}
