import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { createDb } from '$lib/server/db';
import { getQuestionnaire, lookupBySlug, publish, saveDraft, setOpen } from '$lib/server/questionnaires/service';
import { immutableVersion } from '$lib/server/questionnaires/version-cache';
import { readiness } from '$lib/server/health';
import { definitionSchema } from '$lib/domain/questionnaire/definition';
import { DIALECTS } from './setup';
import { publishedQuestionnaire } from './fixtures';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: respondent lookups with cached versions`, () => {
		let db: Db;
		beforeAll(async () => {
			db = await dialect.open();
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('serves the latest version, and a close, a rename or a new version shows at once', async () => {
			const { id, userId } = await publishedQuestionnaire(db);
			const q = (await getQuestionnaire(db, id))!;
			const first = await lookupBySlug(db, q.slug);
			if (first.state !== 'open') throw new Error('expected open');
			expect(first.version.number).toBe(1);
			expect(first.version.title).toBe(q.title);

			await setOpen(db, id, false);
			expect((await lookupBySlug(db, q.slug)).state).toBe('closed');
			await setOpen(db, id, true);

			const draft = definitionSchema.parse(q.draft);
			const changed = { ...draft, questions: draft.questions.slice(1) };
			await saveDraft(db, id, q.revision, { title: '改过的标题', definition: changed });
			await publish(db, id, userId);
			const second = await lookupBySlug(db, q.slug);
			if (second.state !== 'open') throw new Error('expected open');
			expect(second.version.number).toBe(2);
			expect(second.version.title).toBe('改过的标题');
			expect(second.version.definition.questions).toHaveLength(draft.questions.length - 1);
			// The first version still means what it meant when customers answered it.
			expect((await immutableVersion(db, first.version.versionId))!.definition.questions).toHaveLength(draft.questions.length);
		});

		it('answers null for a version id that does not exist', async () => {
			expect(await immutableVersion(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
		});

		it('is ready when migrated, and names the migrations this build expects but the database lacks', async () => {
			expect(await readiness(db)).toEqual({ ready: true });
			expect(await readiness(db, ['0001_initial', '0099_not_yet'])).toEqual({ ready: false, reason: 'migrations_pending', pending: ['0099_not_yet'] });
		});
	});
}

describe('readiness without a database', () => {
	it('says the database is unreachable when nothing listens', async () => {
		const db = createDb({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:9/none' });
		try {
			expect(await readiness(db)).toEqual({ ready: false, reason: 'database_unreachable' });
		} finally {
			await db.destroy();
		}
	});
});
