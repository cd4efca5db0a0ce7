import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from './setup';
import { makeUser, publishedQuestionnaire } from './fixtures';
import type { Db } from '$lib/server/db';
import { createImport, getImport, guessMapping, runImport, startImport } from '$lib/server/contacts/import';
import { getContact, updateContact } from '$lib/server/contacts/service';
import { upsertContacts } from '$lib/server/api/contacts';
import { contactFormSchema } from '$lib/domain/contacts/edit';
import { COUNTRY_ZONES } from '$lib/domain/contacts/country-zones';
import { campaignFormSchema } from '$lib/domain/scheduling/campaign-rules';
import { TYPICAL_CALLING_HOURS } from '$lib/domain/scheduling/calling-hours';
import { changeStatus, createCampaign } from '$lib/server/campaigns/service';
import { saveHours } from '$lib/server/calls/calling-hours';
import { listQueue, type Clock } from '$lib/server/calls/queue';

const utf8 = (text: string) => new TextEncoder().encode(text);
const TODAY = '2026-06-01'; // a Monday
/** The floor's clock (APP_TIMEZONE is Shanghai) at an instant given in UTC. */
const utc = (time: string): Clock => ({ now: new Date(`${TODAY}T${time}:00Z`), timeZone: 'Asia/Shanghai' });

async function importCsv(db: Db, userId: string, csv: string) {
	const created = await createImport(db, { userId, fileName: 'zones.csv', bytes: utf8(csv) });
	if (!created.ok) throw new Error(created.error);
	const job = (await getImport(db, created.id))!;
	const started = await startImport(db, created.id, guessMapping(job.headers));
	if (!started.ok) throw new Error(JSON.stringify(started.errors));
	await runImport(db, created.id);
	return (await getImport(db, created.id))!;
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: contact time zones`, () => {
		let db: Db;
		let userId: string;
		const zoneOf = async (name: string) =>
			(await db.selectFrom('contacts').select('time_zone').where('name', '=', name).executeTakeFirstOrThrow()).time_zone;

		beforeAll(async () => {
			db = await dialect.open();
			userId = await makeUser(db, 'analyst');
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('knows every zone the country table can give', async () => {
			const zones = [...new Set(Object.values(COUNTRY_ZONES))];
			const known = await db
				.selectFrom(sql<{ name: string }>`pg_timezone_names`.as('z'))
				.select('z.name')
				.where('z.name', 'in', zones)
				.execute();
			expect(zones.filter((z) => !known.some((k) => k.name === z))).toEqual([]);
		});

		it('imports the time-zone column and refuses an invalid zone in both languages', async () => {
			const csv =
				'姓名,手机,时区\n' +
				'tz-Shanghai,13800138001,Asia/Shanghai\n' +
				'tz-Told,+44 20 7946 0001,america/los_angeles\n' + // the column beats the number's country
				'tz-Bad,13800138002,北京时间\n' +
				'tz-Empty,13800138003,\n';
			const job = await importCsv(db, userId, csv);
			expect(job).toMatchObject({ status: 'done', created: 3, rejected: 1 });
			expect(job.report).toEqual([{ row: 4, reason: 'contacts_reject_time_zone', value: '北京时间' }]);
			expect(await zoneOf('tz-Shanghai')).toBe('Asia/Shanghai');
			expect(await zoneOf('tz-Told')).toBe('America/Los_Angeles');
			expect(await zoneOf('tz-Empty')).toBe('Asia/Shanghai');
		});

		it('without the column, derives the zone from the number’s country; no number leaves the app’s zone', async () => {
			const job = await importCsv(db, userId, 'name,phone,customer id\nnz-China,13900139001,\nnz-London,+44 20 7946 0002,\nnz-None,,N-1\n');
			expect(job).toMatchObject({ status: 'done', created: 3, rejected: 0 });
			expect(await zoneOf('nz-China')).toBe('Asia/Shanghai');
			expect(await zoneOf('nz-London')).toBe('Europe/London');
			expect(await zoneOf('nz-None')).toBeNull();
		});

		it('a later import keeps a zone set by hand unless its column names another', async () => {
			const id = (await db.selectFrom('contacts').select('id').where('name', '=', 'nz-London').executeTakeFirstOrThrow()).id;
			const form = contactFormSchema.parse({ name: 'nz-London', phone: '+442079460002', email: '', externalId: '', tier: '', industry: '', product: '', eventDate: '', dncReason: '', timeZone: 'Europe/Dublin' });
			expect(await updateContact(db, id, form)).toEqual({ ok: true });
			expect((await getContact(db, id))?.time_zone).toBe('Europe/Dublin');
			await importCsv(db, userId, 'name,phone,tier\nnz-London,+44 20 7946 0002,A\n');
			expect(await zoneOf('nz-London')).toBe('Europe/Dublin');
			await importCsv(db, userId, 'name,phone,timezone\nnz-London,+44 20 7946 0002,Europe/London\n');
			expect(await zoneOf('nz-London')).toBe('Europe/London');
			// "Automatic" on the form takes the number's zone again.
			expect(await updateContact(db, id, { ...form, timeZone: null })).toEqual({ ok: true });
			expect(await zoneOf('nz-London')).toBe('Europe/London');
		});

		it('contacts created through the REST API get their number’s zone too', async () => {
			const result = await upsertContacts.run({
				db,
				now: new Date(),
				caller: undefined as never,
				locale: 'en',
				query: undefined,
				params: undefined,
				body: { contacts: [{ name: 'api-HongKong', phone: '+852 2345 6789' }, { name: 'api-China', phone: '13700137001' }] }
			});
			expect(result).toMatchObject({ created: 2, rejected: [] });
			expect(await zoneOf('api-HongKong')).toBe('Asia/Hong_Kong');
			expect(await zoneOf('api-China')).toBe('Asia/Shanghai');
		});

		it('the queue offers each imported contact only within their own calling hours', async () => {
			await importCsv(db, userId, 'name,phone,industry,event date\nq-China,13600136001,zones,2026-04-01\nq-London,+44 20 7946 0003,zones,2026-04-01\n');
			await saveHours(db, null, TYPICAL_CALLING_HOURS.windows, []);
			const { id: questionnaireId } = await publishedQuestionnaire(db);
			const form = campaignFormSchema.parse({
				name: 'zones', questionnaireId, tiers: '', industry: 'zones', eventFrom: '', eventTo: '', delayDays: '30',
				samplePercent: '100', sampleSeed: 'seed', channel: 'phone', phoneAfterDays: '3', linkValidDays: '14'
			});
			const campaignId = (await createCampaign(db, form, userId))!;
			expect(await changeStatus(db, campaignId, 'launch', TODAY)).toBe(true);
			const names = async (clock: Clock) => (await listQueue(db, clock, 50)).rows.map((r) => r.name).sort();

			// 02:00 UTC: 10:00 in Shanghai, 03:00 in London.
			expect(await names(utc('02:00'))).toEqual(['q-China']);
			expect((await listQueue(db, utc('02:00'))).held.hours).toBe(1);
			// 14:00 UTC: 22:00 in Shanghai, 15:00 in London (summer time).
			expect(await names(utc('14:00'))).toEqual(['q-London']);
			// 11:30 UTC: 19:30 in Shanghai, 12:30 in London (the lunch break).
			expect(await names(utc('11:30'))).toEqual(['q-China']);
		});
	});
}
