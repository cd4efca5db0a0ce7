import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { DIALECTS } from './setup';
import { makeUser } from './fixtures';
import type { Db } from '$lib/server/db';
import { createImport, getImport, guessMapping, resumeIfStale, runImport, startImport } from '$lib/server/contacts/import';
import { getContact, listContacts, updateContact } from '$lib/server/contacts/service';
import { contactFormSchema } from '$lib/domain/contacts/edit';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Uploads, maps with the guesses, runs to the end; returns the finished job. */
async function importCsv(db: Db, userId: string, bytes: Uint8Array) {
	const created = await createImport(db, { userId, fileName: 'contacts.csv', bytes });
	if (!created.ok) throw new Error(created.error);
	const job = (await getImport(db, created.id))!;
	const started = await startImport(db, created.id, guessMapping(job.headers));
	if (!started.ok) throw new Error(JSON.stringify(started.errors));
	await runImport(db, created.id);
	return (await getImport(db, created.id))!;
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: contacts import`, () => {
		let db: Db;
		let userId: string;
		beforeAll(async () => {
			db = await dialect.open();
			userId = await makeUser(db, 'analyst');
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('creates, merges duplicates and reports every rejected row', async () => {
			const csv =
				'\ufeff姓名,手机,客户编号,等级,购买日期,Car Model\n' +
				'张三,13800138000,C-1,A,2026/11/1,X5\n' +
				'李四,12345,C-2,B,2026-11-02,X3\n' + // bad phone
				'张三,138 0013 8000,,,,X6\n' + // same phone: merged
				'王五,13900139000,C-3,C,2026-02-30,\n' + // impossible date
				'赵六,13700137000\n' + // ragged
				',13600136000,C-9,A,,\n' + // no name
				'孙七,13500135000,C-1,A,,\n'; // same external id as 张三, different phone: merged
			const job = await importCsv(db, userId, utf8(csv));
			expect(job).toMatchObject({ status: 'done', encoding: 'utf-8', total: 7, processed: 7, created: 1, merged: 2, rejected: 4 });
			expect(job.report.map((r) => [r.row, r.reason])).toEqual([
				[3, 'contacts_reject_phone'],
				[5, 'contacts_reject_date'],
				[6, 'contacts_reject_columns'],
				[7, 'contacts_reject_name_missing']
			]);
			const { rows } = await listContacts(db, { search: null, tier: null, industry: null, dnc: null, page: 1 });
			expect(rows).toHaveLength(1);
			const c = (await getContact(db, rows[0]!.id))!;
			// Last row wins where it says something; attributes combine.
			expect(c).toMatchObject({ name: '孙七', phone: '+8613500135000', external_id: 'C-1', tier: 'A', event_date: '2026-11-01', attributes: { car_model: 'X6' } });
		});

		it('merges with contacts already stored and reads GB18030', async () => {
			const csv = '姓名,电话,行业\n孙七,13500135000,汽车\n周八,13300133000,银行\n';
			const job = await importCsv(db, userId, iconv.encode(csv, 'gb18030'));
			expect(job).toMatchObject({ status: 'done', encoding: 'gb18030', created: 1, merged: 1, rejected: 0 });
			const { rows } = await listContacts(db, { search: '周', tier: null, industry: '银行', dnc: null, page: 1 });
			expect(rows.map((r) => r.name)).toEqual(['周八']);
		});

		it('refuses binary, empty and malformed files before storing anything', async () => {
			expect(await createImport(db, { userId, fileName: 'x.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]) })).toMatchObject({ ok: false, error: 'contacts_file_binary' });
			expect(await createImport(db, { userId, fileName: 'e.csv', bytes: new Uint8Array() })).toMatchObject({ ok: false, error: 'contacts_file_empty' });
			expect(await createImport(db, { userId, fileName: 'q.csv', bytes: utf8('name,phone\n"open,1\n') })).toMatchObject({ ok: false, error: 'contacts_file_malformed' });
			expect(await createImport(db, { userId, fileName: 'h.csv', bytes: utf8('name,phone\n') })).toMatchObject({ ok: false, error: 'contacts_file_no_rows' });
			expect(await createImport(db, { userId, fileName: 'big.csv', bytes: new Uint8Array(20 * 1024 * 1024 + 1) })).toMatchObject({ ok: false, error: 'contacts_file_too_large' });
			const imports = await db.selectFrom('contact_imports').select('file_name').execute();
			expect(imports.map((i) => i.file_name).sort()).toEqual(['contacts.csv', 'contacts.csv']);
		});

		it('a semicolon file shows one column, and the mapping must name the name column', async () => {
			const created = await createImport(db, { userId, fileName: 's.csv', bytes: utf8('name;phone\nA;13800138000\n') });
			if (!created.ok) throw new Error('upload refused');
			expect((await getImport(db, created.id))!.headers).toEqual(['name;phone']);
			expect(await startImport(db, created.id, [{ kind: 'ignore' }])).toEqual({ ok: false, errors: { form: 'contacts_mapping_name_required' } });
			expect((await getImport(db, created.id))!.status).toBe('mapping');
		});

		it('processes large files in batches; two workers never apply a row twice', async () => {
			const lines = ['name,phone,external id'];
			for (let i = 0; i < 2500; i++) lines.push(`客户${i},+86139${String(10000000 + i)},X-${i}`);
			const created = await createImport(db, { userId, fileName: 'big.csv', bytes: utf8(lines.join('\n')) });
			if (!created.ok) throw new Error('upload refused');
			await startImport(db, created.id, guessMapping(['name', 'phone', 'external id']));
			await Promise.all([runImport(db, created.id), runImport(db, created.id)]);
			const job = (await getImport(db, created.id))!;
			expect(job).toMatchObject({ status: 'done', total: 2500, processed: 2500, created: 2500, merged: 0, rejected: 0 });
			const count = await db.selectFrom('contacts').select((eb) => eb.fn.countAll<string>().as('n')).where('external_id', 'like', 'X-%').executeTakeFirstOrThrow();
			expect(Number(count.n)).toBe(2500);
			// The list pages through them 50 at a time, in a stable order.
			const first = await listContacts(db, { search: '客户', tier: null, industry: null, dnc: null, page: 1 });
			const second = await listContacts(db, { search: '客户', tier: null, industry: null, dnc: null, page: 2 });
			expect(first.total).toBe(2500);
			expect(first.rows).toHaveLength(50);
			expect(second.rows).toHaveLength(50);
			expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(100);
			const last = await listContacts(db, { search: '客户', tier: null, industry: null, dnc: null, page: 50 });
			expect(last.rows).toHaveLength(50);
			expect((await listContacts(db, { search: '客户', tier: null, industry: null, dnc: null, page: 51 })).rows).toEqual([]);
		});

		it('a running import whose process died is resumed once, from where it stopped', async () => {
			const created = await createImport(db, { userId, fileName: 'resume.csv', bytes: utf8('name,external id\n甲,R-1\n乙,R-2\n') });
			if (!created.ok) throw new Error('upload refused');
			await startImport(db, created.id, guessMapping(['name', 'external id']));
			// Fresh heartbeat: someone is working on it, nobody else takes it.
			expect(await resumeIfStale(db, created.id)).toBe(false);
			await db.updateTable('contact_imports').set({ heartbeat_at: new Date(Date.now() - 60_000) }).where('id', '=', created.id).execute();
			const claims = await Promise.all([resumeIfStale(db, created.id), resumeIfStale(db, created.id)]);
			expect(claims.filter(Boolean)).toHaveLength(1);
			await expect.poll(async () => (await getImport(db, created.id))!.status, { timeout: 10_000 }).toBe('done');
			expect(await getImport(db, created.id)).toMatchObject({ processed: 2, created: 2 });
		});

		it('edits a contact; a phone another contact has is refused', async () => {
			const { rows } = await listContacts(db, { search: '周八', tier: null, industry: null, dnc: null, page: 1 });
			const id = rows[0]!.id;
			const form = contactFormSchema.parse({ name: '周八', phone: '13500135000', email: '', externalId: '', tier: 'B', industry: '银行', product: '', eventDate: '', dncReason: '' });
			expect(await updateContact(db, id, form)).toEqual({ ok: false, errors: { phone: 'taken' } });
			const dnc = contactFormSchema.parse({ name: '周八', phone: '13300133000', email: '', externalId: '', tier: 'B', industry: '银行', product: '', eventDate: '2026-05-06', doNotContact: 'on', dncReason: '投诉' });
			expect(await updateContact(db, id, dnc)).toEqual({ ok: true });
			expect(await getContact(db, id)).toMatchObject({ tier: 'B', do_not_contact: true, dnc_reason: '投诉', event_date: '2026-05-06' });
		});
	});
}
