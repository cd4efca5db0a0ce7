import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { KEY_IDS, makeUser, num, publishedQuestionnaire, yes } from './fixtures';
import type { Db } from '$lib/server/db';
import { latestVersion } from '$lib/server/questionnaires/service';
import type { Definition } from '$lib/domain/questionnaire/definition';
import { submitWebResponse } from '$lib/server/responses/service';
import { saveRoute, saveTeam } from '$lib/server/follow-ups/teams';
import { acceptCase, closeWontFix, informCustomer, resolveCase } from '$lib/server/follow-ups/actions';
import { setCaseSettings } from '$lib/server/follow-ups/settings';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: follow-up cases`, () => {
		let db: Db;
		let questionnaireId: string;
		let versionId: string;
		let definition: Definition;
		let teamId: string;
		let handlers: string[];
		let supervisorId: string;
		beforeAll(async () => {
			db = await dialect.open();
			questionnaireId = (await publishedQuestionnaire(db)).id;
			({ versionId, definition } = (await latestVersion(db, questionnaireId))!);
			handlers = [await makeUser(db, 'analyst'), await makeUser(db, 'analyst')];
			supervisorId = await makeUser(db, 'supervisor');
			teamId = await saveTeam(db, { name: 'Service desk', leadId: handlers[0]!, memberIds: handlers });
			await saveRoute(db, { cause: 'service', teamId, assignment: 'lead', firstActionHours: 24, resolveHours: 72 });
		}, 180_000);
		afterAll(async () => {
			await db.destroy();
		});

		const allYes = () => [...KEY_IDS.map((id) => yes(id)), num('overall_satisfaction', 5)];
		const withNo = (...ids: string[]) => allYes().map((a) => (ids.includes(a.questionId) ? yes(a.questionId, false) : a));
		// With the version's definition, as the link pages submit.
		const submit = (answers = withNo('received_promptly'), submissionId = crypto.randomUUID()) =>
			submitWebResponse(db, { questionnaireId, versionId, definition, submissionId, answers });
		const caseOf = (submissionId: string) =>
			db
				.selectFrom('follow_ups as f')
				.innerJoin('responses as r', 'r.id', 'f.response_id')
				.selectAll('f')
				.where('r.submission_id', '=', submissionId)
				.execute();

		it('a retried submission opens one case, with one item per "no"', async () => {
			const submissionId = crypto.randomUUID();
			const answers = withNo('received_promptly', 'charges_explained');
			await Promise.all(Array.from({ length: 10 }, () => submit(answers, submissionId)));
			await submit(answers, submissionId);
			const cases = await caseOf(submissionId);
			expect(cases).toHaveLength(1);
			expect(cases[0]).toMatchObject({ state: 'open', team_id: teamId, owner_id: null });
			const items = await db.selectFrom('follow_up_items').select(['question_id', 'cause', 'kind']).where('follow_up_id', '=', cases[0]!.id).orderBy('position').execute();
			expect(items.map((i) => i.question_id)).toEqual(['received_promptly', 'charges_explained']);
			const events = await db.selectFrom('follow_up_events').select('kind').where('follow_up_id', '=', cases[0]!.id).execute();
			expect(events.map((e) => e.kind)).toEqual(['opened']);
		});

		it('all yes opens nothing; a low rating does when the questionnaire asks', async () => {
			const plain = crypto.randomUUID();
			await submit(allYes(), plain);
			expect(await caseOf(plain)).toEqual([]);
			await setCaseSettings(db, questionnaireId, { enabled: true, ratingAtMost: 2, npsDetractors: false });
			const low = crypto.randomUUID();
			await submit([...KEY_IDS.map((id) => yes(id)), num('overall_satisfaction', 2)], low);
			expect(await caseOf(low)).toHaveLength(1);
			await setCaseSettings(db, questionnaireId, { enabled: false, ratingAtMost: null, npsDetractors: false });
			const off = crypto.randomUUID();
			await submit(withNo('received_promptly'), off);
			expect(await caseOf(off)).toEqual([]);
			await setCaseSettings(db, questionnaireId, { enabled: true, ratingAtMost: null, npsDetractors: false });
		});

		it('two members accepting at once: one owns it, the other is refused', async () => {
			const submissionId = crypto.randomUUID();
			await submit(undefined, submissionId);
			const [c] = await caseOf(submissionId);
			const now = new Date();
			const results = await Promise.all(handlers.map((id) => acceptCase(db, c!.id, { id, role: 'analyst' }, now)));
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'illegal_move' }]);
			const [after] = await caseOf(submissionId);
			expect(after!.state).toBe('in_progress');
			expect(handlers).toContain(after!.owner_id);
			expect(await db.selectFrom('follow_up_events').select('kind').where('follow_up_id', '=', c!.id).where('kind', '=', 'accepted').execute()).toHaveLength(1);
		});

		it('moves through resolved and informed, schedules the verification, refuses outsiders with not_found', async () => {
			const submissionId = crypto.randomUUID();
			await submit(undefined, submissionId);
			const [c] = await caseOf(submissionId);
			const me = { id: handlers[1]!, role: 'analyst' as const };
			const now = new Date('2026-12-01T02:00:00Z');
			expect(await resolveCase(db, c!.id, me, 'x', now)).toEqual({ ok: false, error: 'illegal_move' });
			expect(await acceptCase(db, c!.id, me, now)).toEqual({ ok: true });
			const stranger = await makeUser(db, 'analyst');
			expect(await resolveCase(db, c!.id, { id: stranger, role: 'analyst' }, 'x', now)).toEqual({ ok: false, error: 'not_found' });
			expect(await closeWontFix(db, c!.id, me, 'no', now)).toEqual({ ok: false, error: 'not_allowed' });
			expect(await resolveCase(db, c!.id, me, 'Replaced the part', now)).toEqual({ ok: true });
			expect(await informCustomer(db, c!.id, me, { how: 'phone', text: 'Told her', when: now }, now)).toEqual({ ok: true });
			const v = await db.selectFrom('follow_up_verifications').selectAll().where('follow_up_id', '=', c!.id).executeTakeFirstOrThrow();
			expect(new Date(v.due_at)).toEqual(new Date('2026-12-04T02:00:00Z'));
			expect(await closeWontFix(db, c!.id, { id: supervisorId, role: 'supervisor' }, 'Policy', now)).toEqual({ ok: true });
			const [after] = await caseOf(submissionId);
			expect(after!.state).toBe('wont_fix');
			const events = await db.selectFrom('follow_up_events').select('kind').where('follow_up_id', '=', c!.id).orderBy('at').execute();
			expect(events.map((e) => e.kind)).toEqual(
				expect.arrayContaining(['opened', 'accepted', 'resolved', 'informed', 'verification_scheduled', 'wont_fix'])
			);
		});

		it('round-robin spreads cases over the team', async () => {
			await saveRoute(db, { cause: 'price', teamId, assignment: 'round_robin', firstActionHours: 24, resolveHours: 72 });
			const owners: (string | null)[] = [];
			for (let i = 0; i < 4; i++) {
				const id = crypto.randomUUID();
				// charges_explained is tagged "price" in the 4S template.
				await submit(withNo('charges_explained'), id);
				owners.push((await caseOf(id))[0]!.owner_id);
			}
			expect(new Set(owners)).toEqual(new Set(handlers));
			expect(owners[0]).not.toBe(owners[1]);
		});
	});
}
