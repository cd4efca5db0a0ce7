import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { KEY_IDS, makeUser, publishedQuestionnaire } from './fixtures';
import type { Db } from '$lib/server/db';
import { answerQuestion, finishCall, giveConsent, startCall } from '$lib/server/calls/service';
import { callNotes, openCaseForCall, saveCallNote } from '$lib/server/follow-ups/call-side';
import { hasOpenCase } from '$lib/server/follow-ups/exclusion';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: follow-ups on the phone`, () => {
		let db: Db;
		let questionnaireId: string;
		let agentId: string;
		beforeAll(async () => {
			db = await dialect.open();
			questionnaireId = (await publishedQuestionnaire(db)).id;
			agentId = await makeUser(db, 'agent');
			await db.insertInto('contacts').values({ name: '张先生', phone: '+8613800138000', attributes: '{}' }).execute();
		}, 120_000);
		afterAll(async () => {
			await db.destroy();
		});

		it('a note on a "no" lands on the case item when the call completes; the customer is then held out', async () => {
			const id = (await startCall(db, { questionnaireId, agentId, customerName: '张先生', customerPhone: '+8613800138000' }))!;
			expect(await giveConsent(db, id, agentId)).toBe(true);
			expect(await answerQuestion(db, id, agentId, 'received_promptly', 'no')).toEqual({ ok: true });
			// Only on a "no" of this agent's open call.
			expect(await saveCallNote(db, id, agentId, 'charges_explained', 'x')).toBe(false);
			expect(await saveCallNote(db, id, await makeUser(db, 'agent'), 'received_promptly', 'x')).toBe(false);
			expect(await saveCallNote(db, id, agentId, 'received_promptly', 'the part was missing twice')).toBe(true);
			expect(await callNotes(db, id, agentId)).toEqual({ received_promptly: 'the part was missing twice' });
			for (const q of KEY_IDS.slice(1)) expect(await answerQuestion(db, id, agentId, q, 'yes')).toEqual({ ok: true });
			expect(await answerQuestion(db, id, agentId, 'overall_satisfaction', '3')).toEqual({ ok: true });
			expect(await answerQuestion(db, id, agentId, 'recommend', '7')).toEqual({ ok: true });
			expect(await finishCall(db, id, agentId, 'completed', null)).toEqual({ ok: true });

			const c = await db
				.selectFrom('follow_ups as f')
				.innerJoin('calls', 'calls.response_id', 'f.response_id')
				.select(['f.id', 'f.first_agent_id', 'f.state'])
				.where('calls.id', '=', id)
				.executeTakeFirstOrThrow();
			expect(c).toMatchObject({ first_agent_id: agentId, state: 'open' });
			const items = await db.selectFrom('follow_up_items').select(['question_id', 'note']).where('follow_up_id', '=', c.id).execute();
			expect(items).toEqual([{ question_id: 'received_promptly', note: 'the part was missing twice' }]);

			// A manual call has no contact; once the case belongs to one (a queue call or a link does that),
			// a later manual call to the same number shows the open case, found by phone number.
			const contact = await db.selectFrom('contacts').select('id').where('phone', '=', '+8613800138000').executeTakeFirstOrThrow();
			await db.updateTable('follow_ups').set({ contact_id: contact.id }).where('id', '=', c.id).execute();
			const again = (await startCall(db, { questionnaireId, agentId, customerName: '张先生', customerPhone: '138 0013 8000' }))!;
			expect(await openCaseForCall(db, again, agentId)).toMatchObject({ id: expect.any(String), state: 'open' });
			const other = (await startCall(db, { questionnaireId, agentId, customerName: '李女士', customerPhone: '+8613900139000' }))!;
			expect(await openCaseForCall(db, other, agentId)).toBeNull();
		});

		it('hasOpenCase holds a contact out only while its case is open', async () => {
			const contact = await db.selectFrom('contacts').select('id').where('phone', '=', '+8613800138000').executeTakeFirstOrThrow();
			const held = () =>
				db.selectFrom('contacts').select(hasOpenCase('contacts.id').as('held')).where('id', '=', contact.id).executeTakeFirstOrThrow();
			expect((await held()).held).toBe(true);
			await db.updateTable('follow_ups').set({ state: 'verified' }).execute();
			expect((await held()).held).toBe(false);
		});
	});
}
