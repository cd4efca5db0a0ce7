import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { makeUser } from './fixtures';
import type { Db } from '$lib/server/db';
import {
	createFromTemplate,
	duplicateQuestionnaire,
	getQuestionnaire,
	listCallable,
	listQuestionnaires,
	lookupBySlug,
	publish,
	setArchived,
	setOpen
} from '$lib/server/questionnaires/service';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: questionnaire list`, () => {
		let db: Db;
		let userId: string;
		let bank: string;
		let car: string;
		beforeAll(async () => {
			db = await dialect.open();
			userId = await makeUser(db);
			bank = (await createFromTemplate(db, 'bank', 'zh-CN', userId))!;
			car = (await createFromTemplate(db, 'car-dealer-aftersales', 'zh-CN', userId))!;
			await publish(db, car, userId);
			await createFromTemplate(db, 'insurance', 'en', userId);
		});
		afterAll(async () => {
			await db.destroy();
		});

		const titles = async (filter: Parameters<typeof listQuestionnaires>[1]) =>
			(await listQuestionnaires(db, filter)).map((q) => q.title).sort();

		it('searches titles, case-insensitively, with % and _ taken literally', async () => {
			expect(await titles({ search: '银行' })).toEqual(['银行网点服务回访']);
			expect(await titles({ search: 'INSURANCE' })).toEqual(['Insurance new-policy callback']);
			expect(await titles({ search: '%' })).toEqual([]);
			expect(await titles({ search: '_' })).toEqual([]);
		});

		it('filters by industry and by status', async () => {
			expect(await titles({ industry: 'car_dealer' })).toEqual(['汽车4S店售后服务回访']);
			expect(await titles({ status: 'open' })).toEqual(['汽车4S店售后服务回访']);
			expect(await titles({ status: 'draft' })).toHaveLength(2);
		});

		it('duplicates the draft as a new, unpublished questionnaire', async () => {
			const copy = (await duplicateQuestionnaire(db, car, '（副本）', userId))!;
			const [original, duplicate] = await Promise.all([getQuestionnaire(db, car), getQuestionnaire(db, copy)]);
			expect(duplicate).toMatchObject({ title: '汽车4S店售后服务回访（副本）', status: 'draft', industry: 'car_dealer' });
			expect(duplicate!.draft).toEqual(original!.draft);
			expect(duplicate!.versions).toEqual([]);
			expect(await duplicateQuestionnaire(db, crypto.randomUUID(), 'x', userId)).toBeNull();
		});

		it('archives: hidden from the list, link closed, not callable; restoring brings it back closed', async () => {
			const { slug } = (await getQuestionnaire(db, car))!;
			expect(await setArchived(db, car, true)).toBe(true);
			expect(await titles({})).not.toContain('汽车4S店售后服务回访');
			expect(await titles({ status: 'archived' })).toEqual(['汽车4S店售后服务回访']);
			expect((await lookupBySlug(db, slug)).state).toBe('closed');
			expect((await listCallable(db)).map((q) => q.id)).not.toContain(car);
			expect(await setOpen(db, car, true)).toBe(false);
			expect(await setArchived(db, car, true)).toBe(false);

			expect(await setArchived(db, car, false)).toBe(true);
			expect((await getQuestionnaire(db, car))!.status).toBe('closed');
			await setArchived(db, bank, true);
			await setArchived(db, bank, false);
			expect((await getQuestionnaire(db, bank))!.status).toBe('draft');
		});
	});
}
