import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { KEY_IDS, makeUser, publishedLogicQuestionnaire, publishedQuestionnaire } from './fixtures';
import type { Db } from '$lib/server/db';
import { answerToRaw } from '$lib/domain/questionnaire/answers';
import {
	advance,
	answerQuestion,
	finishCall,
	getCall,
	giveConsent,
	goBack,
	goToQuestion,
	startCall
} from '$lib/server/calls/service';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: phone calls`, () => {
		let db: Db;
		let questionnaireId: string;
		let logicId: string;
		let agentId: string;
		let otherAgentId: string;
		beforeAll(async () => {
			db = await dialect.open();
			questionnaireId = (await publishedQuestionnaire(db)).id;
			logicId = (await publishedLogicQuestionnaire(db)).id;
			agentId = await makeUser(db, 'agent');
			otherAgentId = await makeUser(db, 'agent');
		});
		afterAll(async () => {
			await db.destroy();
		});

		const newCall = async (id = questionnaireId) =>
			(await startCall(db, { questionnaireId: id, agentId, customerName: '张先生', customerPhone: '13800138000' }))!;
		/** Where the call stands and its answers as the script shows them. */
		const state = async (id: string) => {
			const call = (await getCall(db, id, agentId))!;
			const answers = Object.fromEntries([...call.answers].map(([q, a]) => [q, answerToRaw(a)]));
			return { step: call.step, position: call.position, answers };
		};
		it('starts at the opening and keeps other agents out', async () => {
			const id = await newCall();
			expect(await state(id)).toEqual({ step: 'opening', position: 0, answers: {} });
			expect(await getCall(db, id, otherAgentId)).toBeNull();
			expect(await giveConsent(db, id, otherAgentId)).toBe(false);
			expect(await goBack(db, id, otherAgentId)).toBe(false);
			expect(await finishCall(db, id, otherAgentId, 'busy', null)).toEqual({ ok: false, error: 'not_found' });
		});

		it('saves each answer as it is given; a "no" stays for the prepared response', async () => {
			const id = await newCall();
			expect(await giveConsent(db, id, agentId)).toBe(true);
			const response = await db.selectFrom('responses').select(['channel', 'status']).where('submission_id', '=', id).executeTakeFirst();
			expect(response).toEqual({ channel: 'phone', status: 'in_progress' });

			expect(await answerQuestion(db, id, agentId, 'received_promptly', 'no')).toEqual({ ok: true });
			expect(await state(id)).toMatchObject({ position: 0, answers: { received_promptly: 'no' } });
			expect(await advance(db, id, agentId)).toEqual({ ok: true });
			await answerQuestion(db, id, agentId, 'charges_explained', 'yes');
			expect((await state(id)).position).toBe(2);

			expect(await answerQuestion(db, id, agentId, 'fixed_first_time', 'perhaps')).toEqual({ ok: false, error: 'invalid' });
			expect(await advance(db, id, agentId)).toEqual({ ok: false, error: 'required' });

			// Back to correct an answer: the correction replaces it.
			expect(await goBack(db, id, agentId)).toBe(true);
			expect(await goBack(db, id, agentId)).toBe(true);
			expect((await state(id)).position).toBe(0);
			await answerQuestion(db, id, agentId, 'received_promptly', 'yes');
			expect(await state(id)).toMatchObject({ position: 1, answers: { received_promptly: 'yes', charges_explained: 'yes' } });
			expect(await goToQuestion(db, id, agentId, 'comment')).toBe(true);
			expect((await state(id)).position).toBe(8);
			expect(await goToQuestion(db, id, agentId, 'no_such_question')).toBe(false);
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
			expect((await state(id)).step).toBe('recap');
			// ← from the recap goes to the last question.
			expect(await goBack(db, id, agentId)).toBe(true);
			expect(await state(id)).toMatchObject({ step: 'questions', position: 8 });
			expect(await advance(db, id, agentId)).toEqual({ ok: true });
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

	describe(`${dialect.name}: phone calls follow the questionnaire's logic`, () => {
		let db: Db;
		let questionnaireId: string;
		let agentId: string;
		beforeAll(async () => {
			db = await dialect.open();
			questionnaireId = (await publishedLogicQuestionnaire(db)).id;
			agentId = await makeUser(db, 'agent');
		});
		afterAll(async () => {
			await db.destroy();
		});

		// Positions in the fixture: 0 intro section, 1 on_time, 2 why_late, 3 channel, 4 improve, 5 more_time, 6 recommend, 7 comment.
		const newCall = async () => {
			const id = (await startCall(db, { questionnaireId, agentId, customerName: '李女士', customerPhone: '13900139000' }))!;
			await giveConsent(db, id, agentId);
			return id;
		};
		const state = async (id: string) => {
			const call = (await getCall(db, id, agentId))!;
			return { step: call.step, position: call.position, answered: [...call.answers.keys()].sort() };
		};
		const stored = async (id: string) => {
			const rows = await db
				.selectFrom('answers')
				.innerJoin('calls', 'calls.response_id', 'answers.response_id')
				.select(['answers.question_id', 'answers.yes_no', 'answers.number', 'answers.choices', 'answers.text'])
				.where('calls.id', '=', id)
				.orderBy('answers.question_id')
				.execute();
			return Object.fromEntries(rows.map(({ question_id, ...value }) => [question_id, value]));
		};
		const EMPTY = { yes_no: null, number: null, choices: null, text: null };

		it('reads the section, asks "why?" after a "no", records choices with "other", and drops "why?" when the "no" becomes "yes"', async () => {
			const id = await newCall();
			expect(await state(id)).toEqual({ step: 'questions', position: 0, answered: [] });
			// A section text is read, never answered: Enter moves on and stores nothing.
			expect(await advance(db, id, agentId)).toEqual({ ok: true });
			expect((await state(id)).position).toBe(1);

			await answerQuestion(db, id, agentId, 'on_time', 'no');
			expect((await state(id)).position).toBe(1);
			await advance(db, id, agentId);
			expect((await state(id)).position).toBe(2);
			await answerQuestion(db, id, agentId, 'why_late', '等了一个小时');
			expect((await state(id)).position).toBe(3);

			expect(await answerQuestion(db, id, agentId, 'channel', 'other')).toEqual({ ok: false, error: 'other_text_required' });
			expect(await answerQuestion(db, id, agentId, 'channel', ['phone', 'app'])).toEqual({ ok: false, error: 'invalid' });
			expect(await answerQuestion(db, id, agentId, 'channel', 'other', '朋友推荐')).toEqual({ ok: true });
			expect((await state(id)).position).toBe(4);
			await answerQuestion(db, id, agentId, 'improve', ['other', 'price'], '停车难');
			expect(await state(id)).toEqual({ step: 'questions', position: 5, answered: ['channel', 'improve', 'on_time', 'why_late'] });
			expect(await stored(id)).toEqual({
				channel: { ...EMPTY, choices: ['other'], text: '朋友推荐' },
				improve: { ...EMPTY, choices: ['price', 'other'], text: '停车难' },
				on_time: { ...EMPTY, yes_no: false },
				why_late: { ...EMPTY, text: '等了一个小时' }
			});

			// ← walks back through what was asked, including "why?".
			await goBack(db, id, agentId);
			await goBack(db, id, agentId);
			await goBack(db, id, agentId);
			expect((await state(id)).position).toBe(2);

			// Changing a choice replaces it completely: no "other" text left behind.
			await goToQuestion(db, id, agentId, 'channel');
			await answerQuestion(db, id, agentId, 'channel', 'phone');
			expect((await stored(id)).channel).toEqual({ ...EMPTY, choices: ['phone'] });

			// The "no" becomes a "yes": "why?" was not asked after all, and its answer goes in the same step.
			expect(await goToQuestion(db, id, agentId, 'on_time')).toBe(true);
			await answerQuestion(db, id, agentId, 'on_time', 'yes');
			expect(await state(id)).toEqual({ step: 'questions', position: 3, answered: ['channel', 'improve', 'on_time'] });
			expect(Object.keys(await stored(id))).toEqual(['channel', 'improve', 'on_time']);
			expect(await goToQuestion(db, id, agentId, 'why_late')).toBe(false);
			expect(await answerQuestion(db, id, agentId, 'why_late', '又想起来了')).toEqual({ ok: false, error: 'not_found' });
			await goBack(db, id, agentId);
			expect((await state(id)).position).toBe(1);
		});

		it('skips "why?" after a "yes", and an end rule goes straight to the recap, where unasked questions are not missing', async () => {
			const id = await newCall();
			await advance(db, id, agentId);
			await answerQuestion(db, id, agentId, 'on_time', 'yes');
			expect((await state(id)).position).toBe(3);
			await answerQuestion(db, id, agentId, 'channel', 'walk_in');
			// An optional multiple choice may be left empty.
			expect(await answerQuestion(db, id, agentId, 'improve', [])).toEqual({ ok: true });
			expect((await state(id)).position).toBe(5);
			await answerQuestion(db, id, agentId, 'more_time', 'yes_time');
			expect((await state(id)).position).toBe(6);
			await answerQuestion(db, id, agentId, 'recommend', '9');
			expect((await state(id)).position).toBe(7);

			// The customer has no time after all: the end rule jumps to the recap and the later answer no longer counts.
			await goToQuestion(db, id, agentId, 'more_time');
			await answerQuestion(db, id, agentId, 'more_time', 'no_time');
			expect(await state(id)).toEqual({ step: 'recap', position: 5, answered: ['channel', 'more_time', 'on_time'] });
			expect(await goBack(db, id, agentId)).toBe(true);
			expect((await state(id)).position).toBe(5);
			expect(await advance(db, id, agentId)).toEqual({ ok: true });
			expect((await state(id)).step).toBe('recap');

			// recommend is required but was never asked: the call is complete.
			expect(await finishCall(db, id, agentId, 'completed', null)).toEqual({ ok: true });
			const response = await db.selectFrom('responses').select('status').where('submission_id', '=', id).executeTakeFirstOrThrow();
			expect(response.status).toBe('completed');
		});

		it('counts a required "why?" only while it is asked', async () => {
			const id = await newCall();
			await advance(db, id, agentId);
			await answerQuestion(db, id, agentId, 'on_time', 'no');
			await advance(db, id, agentId);
			expect(await advance(db, id, agentId)).toEqual({ ok: false, error: 'required' });
			await answerQuestion(db, id, agentId, 'channel', 'app');
			await answerQuestion(db, id, agentId, 'more_time', 'no_time');
			expect(await finishCall(db, id, agentId, 'completed', null)).toEqual({ ok: false, error: 'required_missing' });
			await goToQuestion(db, id, agentId, 'on_time');
			await answerQuestion(db, id, agentId, 'on_time', 'yes');
			expect(await finishCall(db, id, agentId, 'completed', null)).toEqual({ ok: true });
		});

		it('a change and an answer to the question it hides, sent at once, never leave the hidden answer behind', async () => {
			for (let round = 0; round < 10; round++) {
				const id = await newCall();
				await advance(db, id, agentId);
				await answerQuestion(db, id, agentId, 'on_time', 'no');
				await advance(db, id, agentId);
				const [why, change] = await Promise.all([
					answerQuestion(db, id, agentId, 'why_late', '等了很久'),
					answerQuestion(db, id, agentId, 'on_time', 'yes')
				]);
				expect(change).toEqual({ ok: true });
				// Whichever ran first, the end state is the same: "why?" was not asked.
				expect([{ ok: true }, { ok: false, error: 'not_found' }]).toContainEqual(why);
				expect(Object.keys(await stored(id))).toEqual(['on_time']);
				expect((await state(id)).position).toBe(3);
			}
		});
	});
}
