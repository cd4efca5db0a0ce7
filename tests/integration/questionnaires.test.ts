import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { makeUser } from './fixtures';
import type { Db } from '$lib/server/db';
import { parseInterchange } from '$lib/domain/questionnaire/interchange';
import {
	ConflictError,
	createFromTemplate,
	exportQuestionnaire,
	getQuestionnaire,
	importQuestionnaire,
	latestVersion,
	lookupBySlug,
	publish,
	saveDraft,
	setOpen,
	versionById
} from '$lib/server/questionnaires/service';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: questionnaires and versions`, () => {
		let db: Db;
		let userId: string;
		let id: string;
		beforeAll(async () => {
			db = await dialect.open();
			userId = await makeUser(db);
			id = (await createFromTemplate(db, 'car-dealer-aftersales', 'en', userId))!;
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('creates a draft from the template in the analyst language, not yet reachable by link', async () => {
			const q = await getQuestionnaire(db, id);
			expect(q).toMatchObject({ title: 'Car dealer after-sales callback', status: 'draft', revision: 1 });
			expect(q!.draft.questions.filter((x) => x.kind === 'key')).toHaveLength(6);
			expect(await lookupBySlug(db, q!.slug)).toEqual({ state: 'not_found' });
			expect(await createFromTemplate(db, 'no-such-template', 'en', userId)).toBeNull();
		});

		it('refuses a save based on a stale revision and keeps the other edit', async () => {
			const q = (await getQuestionnaire(db, id))!;
			const mine = structuredClone(q.draft);
			mine.questions[0]!.text.en = 'Mine';
			const theirs = structuredClone(q.draft);
			theirs.questions[0]!.text.en = 'Theirs';
			expect(await saveDraft(db, id, q.revision, { title: 'T1', definition: theirs })).toBe(q.revision + 1);
			await expect(saveDraft(db, id, q.revision, { title: 'T2', definition: mine })).rejects.toBeInstanceOf(ConflictError);
			const after = (await getQuestionnaire(db, id))!;
			expect(after.title).toBe('T1');
			expect(after.draft.questions[0]!.text.en).toBe('Theirs');
		});

		it('freezes each publish as a numbered version that later edits never change', async () => {
			expect(await publish(db, id, userId)).toEqual({ number: 1 });
			const v1 = (await latestVersion(db, id))!;
			const q = (await getQuestionnaire(db, id))!;
			const edited = structuredClone(q.draft);
			edited.questions[0]!.text.en = 'Reworded after publishing';
			await saveDraft(db, id, q.revision, { title: q.title, definition: edited });

			expect((await versionById(db, v1.versionId))!.definition.questions[0]!.text.en).toBe('Theirs');
			expect(await publish(db, id, userId)).toEqual({ number: 2 });
			expect((await latestVersion(db, id))!.definition.questions[0]!.text.en).toBe('Reworded after publishing');
			expect((await versionById(db, v1.versionId))!.number).toBe(1);
		});

		it('gives concurrent publishes distinct numbers', async () => {
			const numbers = await Promise.all([publish(db, id, userId), publish(db, id, userId), publish(db, id, userId)]);
			expect(numbers.map((n) => (n && 'number' in n ? n.number : null)).sort()).toEqual([3, 4, 5]);
		});

		it('refuses to publish a draft with problems, naming each, and changes nothing', async () => {
			const q = (await getQuestionnaire(db, id))!;
			const broken = structuredClone(q.draft);
			broken.questions[1]!.text['zh-CN'] = '';
			broken.questions[2]!.showIf = { question: 'no_such_question', anyOf: ['no'] };
			const revision = await saveDraft(db, id, q.revision, { title: q.title, definition: broken });
			const result = await publish(db, id, userId);
			expect(result).toEqual({
				problems: [
					{ questionId: broken.questions[1]!.id, path: 'questions.1.text.zh-CN', problem: 'required' },
					{ questionId: broken.questions[2]!.id, path: 'questions.2.showIf.question', problem: 'logic_unknown_question' }
				]
			});
			expect((await latestVersion(db, id))!.number).toBe(5);
			await saveDraft(db, id, revision, { title: q.title, definition: q.draft });
		});

		it('exports a draft that imports back as an identical new draft', async () => {
			const exported = (await exportQuestionnaire(db, id))!;
			const parsed = parseInterchange(JSON.stringify(exported.file));
			expect(parsed.ok).toBe(true);
			if (!parsed.ok) return;
			const copy = await importQuestionnaire(db, parsed.value, 'zh-CN', userId);
			const [original, imported] = await Promise.all([getQuestionnaire(db, id), getQuestionnaire(db, copy)]);
			expect(imported!.draft).toEqual(original!.draft);
			expect(imported).toMatchObject({ title: original!.title, status: 'draft', industry: 'car_dealer', template_id: null });
			expect(imported!.slug).not.toBe(original!.slug);
			expect(await exportQuestionnaire(db, crypto.randomUUID())).toBeNull();
		});

		it('opens, closes and reopens the public link', async () => {
			const { slug } = (await getQuestionnaire(db, id))!;
			expect(await lookupBySlug(db, slug)).toMatchObject({ state: 'open', version: { number: 5 } });
			expect(await setOpen(db, id, false)).toBe(true);
			expect(await lookupBySlug(db, slug)).toMatchObject({ state: 'closed' });
			await setOpen(db, id, true);
			expect((await lookupBySlug(db, slug)).state).toBe('open');
			expect(await lookupBySlug(db, 'unknownslug')).toEqual({ state: 'not_found' });
		});
	});
}
