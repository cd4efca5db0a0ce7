import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from './setup';
import type { Db } from '$lib/server/db';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: migrations`, () => {
		let db: Db;
		beforeAll(async () => {
			db = await dialect.open();
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('creates every table of the core model', async () => {
			const { rows } = await sql<{ table_name: string }>`
				select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(db);
			expect(rows.map((r) => r.table_name)).toEqual(
				expect.arrayContaining(['users', 'sessions', 'questionnaires', 'questionnaire_versions', 'responses', 'answers', 'calls'])
			);
		});

		it('refuses an answer row with two values', async () => {
			await expect(
				sql`insert into answers (response_id, question_id, yes_no, number) values (gen_random_uuid(), 'x', true, 1)`.execute(db)
			).rejects.toThrow();
		});
	});
}
