import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { KEY_IDS, makeUser, publishedQuestionnaire } from './fixtures';
import type { Db } from '$lib/server/db';
import { advance, answerQuestion, finishCall, getCall, giveConsent, goToQuestion, startCall } from '$lib/server/calls/service';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: phone calls`, () => {
		let db: Db;
		let questionnaireId: string;
		let agentId: string;
		let otherAgentId: string;
		beforeAll(async () => {
			db = await dialect.open();
			questionnaireId = (await publishedQuestionnaire(db)).id;
			agentId = await makeUser(db, 'agent');
			otherAgentId = await makeUser(db, 'agent');
		});
		afterAll(async () => {
			await db.destroy();
		});

		const newCall = async () =>
			(await startCall(db, { questionnaireId, agentId, customerName: '张先生', customerPhone: '13800138000' }))!;

		it('starts at the opening and keeps other agents out', async () => {
			const id = await newCall();
			expect(await getCall(db, id, agentId)).toMatchObject({ step: 'opening', position: 0, answers: {} });
			expect(await getCall(db, id, otherAgentId)).toBeNull();
			expect(await giveConsent(db, id, otherAgentId)).toBe(false);
			expect(await finishCall(db, id, otherAgentId, 'busy', null)).toEqual({ ok: false, error: 'not_found' });
		});

		it('saves each answer as it is given; a "no" stays for the prepared response', async () => {
			const id = await newCall();
			expect(await giveConsent(db, id, agentId)).toBe(true);
			const response = await db.selectFrom('responses').select(['channel', 'status']).where('submission_id', '=', id).executeTakeFirst();
			expect(response).toEqual({ channel: 'phone', status: 'in_progress' });

			expect(await answerQuestion(db, id, agentId, 'received_promptly', 'no')).toEqual({ ok: true });
			expect(await getCall(db, id, agentId)).toMatchObject({ position: 0, answers: { received_promptly: 'no' } });
			expect(await advance(db, id, agentId)).toEqual({ ok: true });
			await answerQuestion(db, id, agentId, 'charges_explained', 'yes');
			expect((await getCall(db, id, agentId))!.position).toBe(2);

			expect(await answerQuestion(db, id, agentId, 'fixed_first_time', 'perhaps')).toEqual({ ok: false, error: 'invalid' });
			expect(await advance(db, id, agentId)).toEqual({ ok: false, error: 'required' });

			// Back to correct an answer: the correction replaces it.
			expect(await goToQuestion(db, id, agentId, 0)).toBe(true);
			await answerQuestion(db, id, agentId, 'received_promptly', 'yes');
			expect(await getCall(db, id, agentId)).toMatchObject({ position: 1, answers: { received_promptly: 'yes', charges_explained: 'yes' } });
		});

		it('refuses "completed" with required gaps, saves "partial" and closes the call', async () => {
			const id = await newCall();
			await giveConsent(db, id, agentId);
			await answerQuestion(db, id, agentId, 'received_promptly', 'yes');
			expect(await finishCall(db, id, agentId, 'completed', null)).toEqual({ ok: false, error: 'required_missing' });
			expect(await finishCall(db, id, agentId, 'partial', '客户要开会')).toEqual({ ok: true });
			expect(await getCall(db, id, agentId)).toMatchObject({ step: 'ended', outcome: 'partial', note: '客户要开会' });
			const response = await db.selectFrom('responses').select(['status', 'submitted_at']).where('submission_id', '=', id).executeTakeFirstOrThrow();
			expect(response.status).toBe('partial');
			expect(response.submitted_at).not.toBeNull();
			expect(await answerQuestion(db, id, agentId, 'charges_explained', 'yes')).toEqual({ ok: false, error: 'not_found' });
		});

		it('runs a whole call to the recap and saves it completed', async () => {
			const id = await newCall();
			await giveConsent(db, id, agentId);
			for (const q of KEY_IDS) await answerQuestion(db, id, agentId, q, 'yes');
			await answerQuestion(db, id, agentId, 'overall_satisfaction', '5');
			await answerQuestion(db, id, agentId, 'recommend', '10');
			await answerQuestion(db, id, agentId, 'comment', '');
			expect((await getCall(db, id, agentId))!.step).toBe('recap');
			expect(await finishCall(db, id, agentId, 'completed', null)).toEqual({ ok: true });
			const response = await db.selectFrom('responses').select('status').where('submission_id', '=', id).executeTakeFirstOrThrow();
			expect(response.status).toBe('completed');
		});

		it('records an unreached customer without any response', async () => {
			const id = await newCall();
			expect(await finishCall(db, id, agentId, 'no_answer', null)).toEqual({ ok: true });
			expect(await db.selectFrom('responses').select('id').where('submission_id', '=', id).execute()).toEqual([]);

			const consented = await newCall();
			await giveConsent(db, consented, agentId);
			expect(await finishCall(db, consented, agentId, 'refused', null)).toEqual({ ok: true });
			// Consent without a single answer leaves no empty response behind.
			expect(await db.selectFrom('responses').select('id').where('submission_id', '=', consented).execute()).toEqual([]);
		});
	});
}
