import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { KEY_IDS, num, publishedQuestionnaire, yes } from './fixtures';
import type { Db } from '$lib/server/db';
import { latestVersion, lookupBySlug, getQuestionnaire } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';
import { clientHash, getOpenLinkLimits, setOpenLinkLimits, TooManyResponsesError } from '$lib/server/responses/open-links';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: open-link limits`, () => {
		let db: Db;
		let questionnaireId: string;
		let versionId: string;
		const answers = [...KEY_IDS.map((id) => yes(id)), num('overall_satisfaction', 4)];
		beforeAll(async () => {
			db = await dialect.open();
			questionnaireId = (await publishedQuestionnaire(db)).id;
			versionId = (await latestVersion(db, questionnaireId))!.versionId;
		});
		afterAll(async () => {
			await db.destroy();
		});

		const submit = (hash: string, hourlyLimit: number, submissionId: string = crypto.randomUUID()) =>
			submitWebResponse(db, { questionnaireId, versionId, submissionId, answers, sender: { clientHash: hash, hourlyLimit } });
		const stored = async (hash: string) =>
			Number(
				(await db.selectFrom('responses').select((eb) => eb.fn.countAll<string>().as('n')).where('client_hash', '=', hash).executeTakeFirstOrThrow()).n
			);

		it('defaults to 30 an hour per network and one response per browser, and can be changed', async () => {
			expect(await getOpenLinkLimits(db, questionnaireId)).toEqual({ hourlyPerIp: 30, oncePerBrowser: true });
			expect(await setOpenLinkLimits(db, questionnaireId, { hourlyPerIp: 2, oncePerBrowser: false })).toBe(true);
			const { slug } = (await getQuestionnaire(db, questionnaireId))!;
			expect(await lookupBySlug(db, slug)).toMatchObject({ state: 'open', limits: { hourlyPerIp: 2, oncePerBrowser: false } });
			expect(await setOpenLinkLimits(db, crypto.randomUUID(), { hourlyPerIp: 1, oncePerBrowser: true })).toBe(false);
		});

		it('lets exactly the limit through when one network fires many submissions at once', async () => {
			const hash = clientHash(questionnaireId, '203.0.113.7');
			const results = await Promise.allSettled(Array.from({ length: 6 }, () => submit(hash, 2)));
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
			for (const r of results.filter((r) => r.status === 'rejected')) {
				expect((r as PromiseRejectedResult).reason).toBeInstanceOf(TooManyResponsesError);
			}
			expect(await stored(hash)).toBe(2);
			// A refused submission leaves nothing behind, not even its answers.
			const orphans = await db
				.selectFrom('answers')
				.leftJoin('responses', 'responses.id', 'answers.response_id')
				.select('answers.response_id')
				.where('responses.id', 'is', null)
				.execute();
			expect(orphans).toEqual([]);
		});

		it('counts each network on its own, keeps retries of one page free, and 0 means no limit', async () => {
			const other = clientHash(questionnaireId, '198.51.100.1');
			await submit(other, 1, '00000000-0000-4000-8000-000000000001');
			expect(await submit(other, 1, '00000000-0000-4000-8000-000000000001')).toEqual({ duplicate: true });
			await expect(submit(other, 1)).rejects.toBeInstanceOf(TooManyResponsesError);
			await submit(other, 0);
			expect(await stored(other)).toBe(2);
			expect(clientHash(questionnaireId, '198.51.100.1')).not.toBe(clientHash(crypto.randomUUID(), '198.51.100.1'));
		});
	});
}
