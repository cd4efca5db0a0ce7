import { describe, expect, it } from 'vitest';
import { COUNTRY_ZONES } from '$lib/domain/contacts/country-zones';
import { contactTimeZone, normalizeTimeZone, timeZoneChoices, zoneForPhone } from '$lib/domain/contacts/time-zones';
import { guessMapping } from '$lib/domain/contacts/fields';
import { mergeContact, newContact, readRow } from '$lib/domain/contacts/import-row';
import { contactFormSchema } from '$lib/domain/contacts/edit';

describe('the zone of a phone number', () => {
	it('is the country’s zone', () => {
		expect(zoneForPhone('+8613800138000')).toBe('Asia/Shanghai');
		expect(zoneForPhone('+442079460958')).toBe('Europe/London');
		expect(zoneForPhone('+85223456789')).toBe('Asia/Hong_Kong');
		expect(zoneForPhone('+14165550123')).toBe('America/Toronto');
		expect(zoneForPhone('+18765550123')).toBe('America/Jamaica');
	});

	it('is the most populous zone of a country with several: New York and Los Angeles numbers both get New York’s', () => {
		expect(zoneForPhone('+12125550123')).toBe('America/New_York');
		expect(zoneForPhone('+13105550123')).toBe('America/New_York');
	});

	it('is unknown without a country (none, an international freephone number, nonsense)', () => {
		expect(zoneForPhone(null)).toBeNull();
		expect(zoneForPhone('+80012345678')).toBeNull();
		expect(zoneForPhone('+9991234567')).toBeNull();
	});

	it('comes from a table whose every zone this runtime accepts as written', () => {
		for (const zone of Object.values(COUNTRY_ZONES)) expect(normalizeTimeZone(zone)).toBe(zone);
	});
});

describe('a typed time zone', () => {
	it('is an IANA name, spelled the usual way', () => {
		expect(normalizeTimeZone(' asia/shanghai ')).toBe('Asia/Shanghai');
		expect(normalizeTimeZone('Europe/London')).toBe('Europe/London');
		expect(normalizeTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
		expect(normalizeTimeZone('utc')).toBe('UTC');
	});

	it('refuses unknown names, offsets and legacy abbreviations PostgreSQL would misread', () => {
		for (const bad of ['', 'Mars/Olympus_Mons', '+08:00', 'GMT+8', 'EST5EDT', 'GMT', 'Asia/Shanghai; drop table', '北京时间']) {
			expect(normalizeTimeZone(bad)).toBeNull();
		}
	});

	it('offers every zone to pick, keeping the stored one', () => {
		const choices = timeZoneChoices('Asia/Kolkata');
		expect(choices).toContain('Asia/Shanghai');
		expect(choices).toContain('Asia/Kolkata');
		expect(choices).toEqual([...choices].sort());
	});
});

describe('a contact’s zone', () => {
	it('is the one given, else the one stored, else the number’s, else unknown (APP_TIMEZONE)', () => {
		expect(contactTimeZone('Europe/Paris', 'Asia/Tokyo', '+8613800138000')).toBe('Europe/Paris');
		expect(contactTimeZone(null, 'Asia/Tokyo', '+8613800138000')).toBe('Asia/Tokyo');
		expect(contactTimeZone(null, null, '+8613800138000')).toBe('Asia/Shanghai');
		expect(contactTimeZone(null, null, null)).toBeNull();
	});
});

describe('the import’s time-zone column', () => {
	it('is guessed from Chinese and English headers', () => {
		for (const header of ['时区', 'Time zone', 'timezone', 'Time_Zone', 'TZ']) {
			expect(guessMapping(['姓名', header])[1]).toEqual({ kind: 'field', field: 'time_zone' });
		}
	});

	const targets = guessMapping(['姓名', '手机', '时区']);

	it('takes a valid zone and refuses an invalid one with the value', () => {
		const row = readRow(targets, ['张三', '13800138000', 'europe/london']);
		expect(row.ok && row.contact.timeZone).toBe('Europe/London');
		expect(readRow(targets, ['张三', '13800138000', 'Beijing'])).toEqual({ ok: false, reason: 'contacts_reject_time_zone', value: 'Beijing' });
	});

	it('when empty, a new contact takes the number’s zone', () => {
		const row = readRow(targets, ['Alice', '+44 20 7946 0958', '']);
		if (!row.ok) throw new Error('row should be valid');
		expect(row.contact.timeZone).toBeNull();
		expect(newContact(row.contact).timeZone).toBe('Europe/London');
	});

	it('a merge keeps a stored zone unless the row names one, and fills a missing one from the number', () => {
		const stored = readRow(targets, ['张三', '13800138000', 'Asia/Tokyo']);
		const silent = readRow(targets, ['张三', '13800138000', '']);
		const naming = readRow(targets, ['张三', '13800138000', 'Asia/Singapore']);
		if (!stored.ok || !silent.ok || !naming.ok) throw new Error('rows should be valid');
		expect(mergeContact(stored.contact, silent.contact).timeZone).toBe('Asia/Tokyo');
		expect(mergeContact(stored.contact, naming.contact).timeZone).toBe('Asia/Singapore');
		expect(mergeContact(silent.contact, silent.contact).timeZone).toBe('Asia/Shanghai');
	});
});

describe('the contact form’s zone', () => {
	const base = { name: '李四', phone: '13800138000', email: '', externalId: '', tier: '', industry: '', product: '', eventDate: '', dncReason: '' };

	it('is empty for automatic, or a valid zone', () => {
		expect(contactFormSchema.parse({ ...base, timeZone: '' }).timeZone).toBeNull();
		expect(contactFormSchema.parse(base).timeZone).toBeNull();
		expect(contactFormSchema.parse({ ...base, timeZone: 'America/Los_Angeles' }).timeZone).toBe('America/Los_Angeles');
	});

	it('refuses an unknown zone with a message', () => {
		const bad = contactFormSchema.safeParse({ ...base, timeZone: 'Pacific/Atlantis' });
		expect(bad.success).toBe(false);
		expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['timeZone', 'contacts_error_time_zone']]);
	});
});
