import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from './setup';
import { KEY_IDS, makeUser, publishedQuestionnaire } from './fixtures';
import type { Db } from '$lib/server/db';
import { campaignFormSchema } from '$lib/domain/scheduling/campaign-rules';
import { changeStatus, createCampaign } from '$lib/server/campaigns/service';
import { claimNext, listQueue, type Clock } from '$lib/server/calls/queue';
import { answerQuestion, finishCall, getCall, giveConsent, wasReleased } from '$lib/server/calls/service';
import { releaseCall, releaseStaleClaims } from '$lib/server/calls/release';
import { addContactNote, contactHistory } from '$lib/server/calls/history';
import { saveHours } from '$lib/server/calls/calling-hours';
import { allAppointments, moveAppointment } from '$lib/server/calls/appointments';
import { TYPICAL_CALLING_HOURS } from '$lib/domain/scheduling/calling-hours';
import { todayIn } from '$lib/domain/scheduling/dates';
import { callsJobs } from '$lib/server/jobs/periodic/calls';
import { ratesReport } from '$lib/server/calls/reports';
import { productivityBuckets } from '$lib/server/calls/productivity';
import { productivity } from '$lib/domain/calls/productivity';
import { wallboard } from '$lib/server/calls/wallboard';

const ZONE = 'Asia/Shanghai';
const TODAY = '2026-06-01'; // a Monday
const at = (date: string, time = '10:00'): Clock => ({ now: new Date(`${date}T${time}:00+08:00`), timeZone: ZONE });
const NOW = at(TODAY);
const minutes = (clock: Clock, n: number): Clock => ({ ...clock, now: new Date(clock.now.getTime() + n * 60_000) });
const window = (startsAt: Date, withMeOnly = false) => ({ startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), withMeOnly });

let seq = 0;

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: the call floor`, () => {
		let db: Db;
		let questionnaireId: string;
		let userId: string;
		let agents: string[];

		beforeAll(async () => {
			db = await dialect.open();
			({ id: questionnaireId, userId } = await publishedQuestionnaire(db));
			agents = await Promise.all(Array.from({ length: 4 }, () => makeUser(db, 'agent')));
			// A new installation calls at any hour; these tests run on a typical call centre's.
			await saveHours(db, null, TYPICAL_CALLING_HOURS.windows, []);
			// Password hashing for five users is slow on a busy machine.
		}, 180_000);
		afterAll(async () => {
			await db.destroy();
		});

		/** A running phone campaign over new contacts: name → event date (due 30 days later), optional tier and zone. */
		async function campaign(contacts: { name: string; event?: string; tier?: string; zone?: string }[]) {
			const industry = `floor${++seq}`;
			await db
				.insertInto('contacts')
				.values(
					contacts.map((c, i) => ({
						name: c.name,
						phone: `+86137${String(seq).padStart(3, '0')}${String(i).padStart(5, '0')}`,
						industry,
						tier: c.tier ?? 'B',
						event_date: c.event ?? '2026-04-01',
						time_zone: c.zone ?? null,
						attributes: '{}'
					}))
				)
				.execute();
			const form = campaignFormSchema.parse({
				name: industry, questionnaireId, tiers: '', industry, eventFrom: '', eventTo: '', delayDays: '30',
				samplePercent: '100', sampleSeed: 'seed', channel: 'phone', phoneAfterDays: '3', linkValidDays: '14'
			});
			const id = (await createCampaign(db, form, userId))!;
			expect(await changeStatus(db, id, 'launch', TODAY)).toBe(true);
			return id;
		}
		const cc = (campaignId: string, name: string) =>
			db
				.selectFrom('campaign_contacts as cc')
				.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
				.select(['cc.id', 'cc.status', 'cc.attempts', 'cc.call_after', 'cc.final_disposition', 'k.id as contact_id', 'k.do_not_contact'])
				.where('k.name', '=', name)
				.where('cc.campaign_id', '=', campaignId)
				.executeTakeFirstOrThrow();
		const names = async (clock: Clock, agentId: string | null = null, prefix = '') =>
			(await listQueue(db, clock, 50, agentId)).rows.map((r) => r.name).filter((n) => n.startsWith(prefix));
		/** Claims that callback, leaving the agent's other calls alone. */
		const claim = async (agentId: string, clock: Clock, callbackId?: string) => {
			const c = await claimNext(db, agentId, clock, callbackId);
			expect(c?.resumed).toBe(false);
			return c!.callId;
		};

		it('puts an appointment due 5 minutes ago before untimed callbacks and older backlog', async () => {
			const id = await campaign([
				{ name: 'ap-Old', event: '2026-03-01', tier: 'A' },
				{ name: 'ap-Fresh', tier: 'A' },
				{ name: 'ap-Booked', tier: 'C' }
			]);
			// Booked yesterday for today 09:55–10:25.
			const yesterday = at('2026-05-29', '11:00');
			const call = await claim(agents[0]!, yesterday, (await cc(id, 'ap-Booked')).id);
			const startsAt = new Date(NOW.now.getTime() - 5 * 60_000);
			expect(await finishCall(db, call, agents[0]!, 'call_back_later', null, yesterday, window(startsAt))).toEqual({ ok: true });
			expect(await names(minutes(NOW, -6), null, 'ap-')).toEqual(['ap-Old', 'ap-Fresh']);
			expect(await names(NOW, null, 'ap-')).toEqual(['ap-Booked', 'ap-Old', 'ap-Fresh']);
			const queue = await listQueue(db, NOW);
			expect(queue.rows.find((r) => r.name === 'ap-Booked')?.appointment).toMatchObject({ startsAt, missed: false });
			const next = (await claimNext(db, agents[1]!, NOW))!;
			expect((await getCall(db, next.callId, agents[1]!))?.customerName).toBe('ap-Booked');
			// The appointment was taken up by that call.
			expect((await allAppointments(db, NOW.now)).map((a) => a.name)).not.toContain('ap-Booked');
			expect(await finishCall(db, next.callId, agents[1]!, 'busy', null, NOW)).toEqual({ ok: true });
			await changeStatus(db, id, 'pause', TODAY);
		});

		it('offers a "with me only" appointment to its agent alone until the window ends, then to all, flagged missed', async () => {
			const id = await campaign([{ name: 'me-Only' }]);
			const booking = at('2026-05-29', '11:00');
			const call = await claim(agents[0]!, booking, (await cc(id, 'me-Only')).id);
			const startsAt = at(TODAY, '15:00').now;
			expect(await finishCall(db, call, agents[0]!, 'call_back_later', '周一下午三点', booking, window(startsAt, true))).toEqual({ ok: true });
			const during = at(TODAY, '15:10');
			expect(await names(during, agents[1]!, 'me-')).toEqual([]);
			expect((await listQueue(db, during, 50, agents[1]!)).held.reserved).toBe(1);
			expect(await claimNext(db, agents[1]!, during, (await cc(id, 'me-Only')).id)).toBeNull();
			const mine = await listQueue(db, during, 50, agents[0]!);
			expect(mine.rows.find((r) => r.name === 'me-Only')?.appointment).toMatchObject({ mine: true, missed: false });
			const after = at(TODAY, '15:31');
			const missed = await listQueue(db, after, 50, agents[1]!);
			expect(missed.rows.find((r) => r.name === 'me-Only')?.appointment).toMatchObject({ missed: true, mine: false });
			expect((await allAppointments(db, after.now)).find((a) => a.name === 'me-Only')).toMatchObject({ missed: true, agentId: agents[0] });
			await changeStatus(db, id, 'pause', TODAY);
		});

		it('lets a supervisor move and reassign an appointment; the callback follows', async () => {
			const id = await campaign([{ name: 'mv-One' }]);
			const booking = at('2026-05-29', '11:00');
			const call = await claim(agents[0]!, booking, (await cc(id, 'mv-One')).id);
			expect(await finishCall(db, call, agents[0]!, 'call_back_later', null, booking, window(at(TODAY, '15:00').now, true))).toEqual({ ok: true });
			const appointment = (await allAppointments(db, NOW.now)).find((a) => a.name === 'mv-One')!;
			const moved = window(at(TODAY, '11:00').now);
			expect(await moveAppointment(db, appointment.id, { ...moved, agentId: agents[2]! }, (d) => todayIn(ZONE, d))).toBe(true);
			expect(await names(at(TODAY, '11:05'), agents[1]!, 'mv-')).toEqual([]);
			expect(await names(at(TODAY, '11:05'), agents[2]!, 'mv-')).toEqual(['mv-One']);
			expect(await moveAppointment(db, crypto.randomUUID(), { ...moved, agentId: null }, (d) => todayIn(ZONE, d))).toBe(false);
			await changeStatus(db, id, 'pause', TODAY);
		});

		it('never offers a contact outside their calling hours, and says how many are held back and why', async () => {
			// 10:00 in Shanghai is 22:00 on Sunday in New York.
			const id = await campaign([{ name: 'tz-Here' }, { name: 'tz-NewYork', zone: 'America/New_York' }]);
			expect(await names(NOW, null, 'tz-')).toEqual(['tz-Here']);
			expect((await listQueue(db, NOW)).held.hours).toBeGreaterThanOrEqual(1);
			expect(await claimNext(db, agents[3]!, NOW, (await cc(id, 'tz-NewYork')).id)).toBeNull();
			// Monday 09:00 in New York is 21:00 in Shanghai.
			expect(await names(at(TODAY, '21:00'), null, 'tz-')).toEqual(['tz-NewYork']);
			// A campaign blackout for today holds everyone of that campaign.
			await saveHours(db, id, TYPICAL_CALLING_HOURS.windows, [TODAY]);
			const held = await listQueue(db, NOW);
			expect(await names(NOW, null, 'tz-')).toEqual([]);
			expect(held.held.blackout).toBe(1);
			await saveHours(db, id, null, []);
			expect(await names(NOW, null, 'tz-')).toEqual(['tz-Here']);
			await changeStatus(db, id, 'pause', TODAY);
		});

		it('resumes a broken-off interview on the next call: one response per campaign and contact', async () => {
			const id = await campaign([{ name: 'rs-Ann' }]);
			const first = await claim(agents[0]!, NOW, (await cc(id, 'rs-Ann')).id);
			expect(await giveConsent(db, first, agents[0]!)).toBe(true);
			await answerQuestion(db, first, agents[0]!, KEY_IDS[0], 'yes');
			await answerQuestion(db, first, agents[0]!, KEY_IDS[1], 'yes');
			const later = window(at(TODAY, '15:00').now);
			expect(await finishCall(db, first, agents[0]!, 'call_back_later', '开车中，下午三点再打', NOW, later)).toEqual({ ok: true });
			const contactId = (await cc(id, 'rs-Ann')).contact_id;
			const responses = () => db.selectFrom('responses').select(['id', 'status']).where('campaign_id', '=', id).where('contact_id', '=', contactId).execute();
			expect(await responses()).toEqual([{ id: expect.any(String), status: 'in_progress' }]);

			const second = await claim(agents[1]!, at(TODAY, '15:00'), (await cc(id, 'rs-Ann')).id);
			expect(await giveConsent(db, second, agents[1]!)).toBe(true);
			const view = (await getCall(db, second, agents[1]!))!;
			expect(view.resumed).toEqual({ answered: 2, total: expect.any(Number) });
			expect(view.step).toBe('questions');
			expect(view.version.definition.questions[view.position]!.id).toBe(KEY_IDS[2]);
			for (const q of KEY_IDS.slice(2)) await answerQuestion(db, second, agents[1]!, q, 'yes');
			await answerQuestion(db, second, agents[1]!, 'overall_satisfaction', '4');
			await answerQuestion(db, second, agents[1]!, 'recommend', '8');
			expect(await finishCall(db, second, agents[1]!, 'completed', null, at(TODAY, '15:05'))).toEqual({ ok: true });
			const after = await responses();
			expect(after).toHaveLength(1);
			expect(after[0]!.status).toBe('completed');
			expect((await cc(id, 'rs-Ann')).status).toBe('responded');
			const answers = await db.selectFrom('answers').select('question_id').where('response_id', '=', after[0]!.id).execute();
			expect(answers.map((a) => a.question_id)).toEqual(expect.arrayContaining([...KEY_IDS]));
			// The schema itself refuses a second phone response for the pair.
			const version = await db.selectFrom('campaigns').select('version_id').where('id', '=', id).executeTakeFirstOrThrow();
			await expect(
				db
					.insertInto('responses')
					.values({ questionnaire_id: questionnaireId, version_id: version.version_id, channel: 'phone', submission_id: crypto.randomUUID(), status: 'in_progress', campaign_id: id, contact_id: contactId })
					.execute()
			).rejects.toThrow();
		});

		it('releases a stale claim as "abandoned", back to the queue, and tells the agent', async () => {
			const id = await campaign([{ name: 'st-Idle' }]);
			const call = await claim(agents[2]!, NOW, (await cc(id, 'st-Idle')).id);
			expect(await giveConsent(db, call, agents[2]!)).toBe(true);
			await db.updateTable('calls').set({ last_activity_at: NOW.now }).where('id', '=', call).execute();
			// N while holding a call returns to it.
			expect(await claimNext(db, agents[2]!, NOW)).toEqual({ callId: call, resumed: true });
			expect(await releaseStaleClaims(db, minutes(NOW, 29).now, 30)).toBe(0);
			const job = callsJobs.find((j) => j.name === 'calls-release-stale-claims')!;
			expect(await job.run(db, minutes(NOW, 31).now)).toBe(1);
			const ended = await db.selectFrom('calls').select(['step', 'outcome', 'released_at']).where('id', '=', call).executeTakeFirstOrThrow();
			expect(ended).toMatchObject({ step: 'ended', outcome: 'abandoned' });
			expect(ended.released_at).not.toBeNull();
			// Not an attempt; back in the queue at once.
			expect(await cc(id, 'st-Idle')).toMatchObject({ status: 'scheduled', attempts: 0 });
			expect(await names(minutes(NOW, 31), null, 'st-')).toEqual(['st-Idle']);
			expect(await finishCall(db, call, agents[2]!, 'completed', null, minutes(NOW, 32))).toEqual({ ok: false, error: 'not_found' });
			expect(await wasReleased(db, call, agents[2]!)).toBe(true);
			// A supervisor releases by hand.
			const again = await claim(agents[3]!, minutes(NOW, 40), (await cc(id, 'st-Idle')).id);
			expect(await releaseCall(db, again, minutes(NOW, 41).now)).toBe(true);
			expect(await releaseCall(db, again, minutes(NOW, 42).now)).toBe(false);
			expect((await cc(id, 'st-Idle')).status).toBe('scheduled');
			await changeStatus(db, id, 'pause', TODAY);
		});

		it('a stale release racing a finish leaves exactly one outcome', async () => {
			const id = await campaign(Array.from({ length: 6 }, (_, i) => ({ name: `race-${i}` })));
			for (let i = 0; i < 6; i++) {
				const agent = agents[i % agents.length]!;
				const call = await claim(agent, NOW, (await cc(id, `race-${i}`)).id);
				const late = minutes(NOW, 45);
				const [released, finished] = await Promise.all([releaseStaleClaims(db, late.now, 30), finishCall(db, call, agent, 'busy', null, late)]);
				const row = await db.selectFrom('calls').select(['outcome', 'released_at']).where('id', '=', call).executeTakeFirstOrThrow();
				if (finished.ok) {
					expect(row).toMatchObject({ outcome: 'busy', released_at: null });
					expect(released).toBe(0);
				} else {
					expect(row.outcome).toBe('abandoned');
					expect(released).toBe(1);
				}
				const state = await cc(id, `race-${i}`);
				expect(state.status).toBe('scheduled');
				expect(state.attempts).toBe(finished.ok ? 1 : 0);
			}
			await changeStatus(db, id, 'pause', TODAY);
		});

		it('shows earlier calls, their notes and contact notes to the next agent; a hard refusal stops every callback', async () => {
			const a = await campaign([{ name: 'hx-Lee' }]);
			const first = await claim(agents[0]!, NOW, (await cc(a, 'hx-Lee')).id);
			expect(await finishCall(db, first, agents[0]!, 'busy', '接通后说在开会', NOW)).toEqual({ ok: true });
			const contactId = (await cc(a, 'hx-Lee')).contact_id;
			await addContactNote(db, contactId, agents[0]!, '客户喜欢晚上接电话', NOW.now);
			const second = await claim(agents[1]!, at(TODAY, '13:30'), (await cc(a, 'hx-Lee')).id);
			const history = await contactHistory(db, contactId, second, 'zh-CN');
			expect(history.calls).toEqual([expect.objectContaining({ note: '接通后说在开会', disposition: '占线' })]);
			expect(history.calls[0]!.agentCode).toMatch(/^\d+$/);
			expect(history.notes).toEqual([expect.objectContaining({ text: '客户喜欢晚上接电话' })]);
			expect(await finishCall(db, second, agents[1]!, 'refused', '不要再打了', at(TODAY, '13:31'))).toEqual({ ok: true });
			expect(await cc(a, 'hx-Lee')).toMatchObject({ status: 'refused', final_disposition: 'refused', do_not_contact: true });
		});

		it('refuses a system disposition, a missing note, and an appointment in the past', async () => {
			const id = await campaign([{ name: 'bad-One' }]);
			const call = await claim(agents[3]!, NOW, (await cc(id, 'bad-One')).id);
			expect(await finishCall(db, call, agents[3]!, 'abandoned', null, NOW)).toEqual({ ok: false, error: 'invalid' });
			expect(await finishCall(db, call, agents[3]!, 'no_such_thing', null, NOW)).toEqual({ ok: false, error: 'invalid' });
			expect(await finishCall(db, call, agents[3]!, 'supervisor_review', null, NOW)).toEqual({ ok: false, error: 'note_required' });
			expect(await finishCall(db, call, agents[3]!, 'call_back_later', null, NOW, window(minutes(NOW, -1).now))).toEqual({ ok: false, error: 'appointment_invalid' });
			// Nothing was half-written.
			expect(await db.selectFrom('calls').select('step').where('id', '=', call).executeTakeFirstOrThrow()).toEqual({ step: 'opening' });
			expect((await cc(id, 'bad-One')).status).toBe('calling');
			expect(await finishCall(db, call, agents[3]!, 'supervisor_review', '客户投诉，需主管回电', NOW)).toEqual({ ok: true });
			const state = await cc(id, 'bad-One');
			expect(state.status).toBe('scheduled');
			// Only "call back later" books an appointment.
			const booked = await db.selectFrom('appointments').select(sql<string>`count(*)`.as('n')).where('campaign_contact_id', '=', state.id).executeTakeFirstOrThrow();
			expect(Number(booked.n)).toBe(0);
		});
		it('adds per-agent counts up to the campaign totals, in the rates and in productivity', async () => {
			const id = await campaign([{ name: 'sum-Done' }, { name: 'sum-No' }, { name: 'sum-Busy' }, { name: 'sum-Never' }]);
			const [a0, a1] = [agents[0]!, agents[1]!];
			const done = await claim(a0, NOW, (await cc(id, 'sum-Done')).id);
			await giveConsent(db, done, a0);
			for (const q of KEY_IDS) await answerQuestion(db, done, a0, q, 'yes');
			await answerQuestion(db, done, a0, 'overall_satisfaction', '5');
			await answerQuestion(db, done, a0, 'recommend', '10');
			expect(await finishCall(db, done, a0, 'completed', null, minutes(NOW, 4))).toEqual({ ok: true });
			const no = await claim(a1, NOW, (await cc(id, 'sum-No')).id);
			expect(await finishCall(db, no, a1, 'refused', null, minutes(NOW, 1))).toEqual({ ok: true });
			const busy = await claim(a0, minutes(NOW, 5), (await cc(id, 'sum-Busy')).id);
			expect(await finishCall(db, busy, a0, 'busy', null, minutes(NOW, 6))).toEqual({ ok: true });

			const report = await ratesReport(db, id);
			expect(report.total).toEqual({ I: 1, P: 0, R: 1, NC: 0, O: 0, UH: 2, UO: 0, NE: 0 });
			// Never called: UH, credited to nobody.
			expect(report.agents.find((a) => a.agentId === null)?.counts.UH).toBe(1);
			expect(report.agents.find((a) => a.agentId === a0)?.counts).toMatchObject({ I: 1, UH: 1 });
			for (const g of ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'] as const) {
				expect(report.agents.reduce((n, a) => n + a.counts[g], 0)).toBe(report.total[g]);
			}

			const buckets = await productivityBuckets(db, { campaignId: id, from: TODAY, to: TODAY, agentId: null, timeZone: ZONE });
			const p = productivity(buckets);
			expect(p.total).toMatchObject({ calls: 3, completes: 1, refusals: 1, contacts: 2 });
			expect(p.agents.find((a) => a.agentId === a0)?.figures).toMatchObject({ calls: 2, completes: 1 });
			for (const k of ['calls', 'contacts', 'completes', 'refusals'] as const) {
				expect(p.agents.reduce((n, a) => n + a.figures[k], 0)).toBe(p.total[k]);
				expect(p.hours.reduce((n, h) => n + h.figures[k], 0)).toBe(p.total[k]);
			}
			// a0 worked from 10:00 to 10:06: 0.1 hours on duty.
			expect(p.agents.find((a) => a.agentId === a0)?.figures.dutyHours).toBeCloseTo(0.1, 6);
			// An agent's own report holds their calls only.
			const own = await productivityBuckets(db, { campaignId: id, from: TODAY, to: TODAY, agentId: a1, timeZone: ZONE });
			expect(own.every((b) => b.agentId === a1)).toBe(true);
			await changeStatus(db, id, 'pause', TODAY);
		});

		it('shows the floor on the wallboard: who is where in the script, and each campaign', async () => {
			const id = await campaign([{ name: 'wb-Ann' }, { name: 'wb-Bob' }]);
			const a3 = agents[3]!;
			const call = await claim(a3, NOW, (await cc(id, 'wb-Ann')).id);
			await giveConsent(db, call, a3);
			await answerQuestion(db, call, a3, KEY_IDS[0], 'yes');
			// The script's actions touch the call at the real time; this test's clock is NOW.
			await db.updateTable('calls').set({ last_activity_at: minutes(NOW, 1).now }).where('id', '=', call).execute();
			const board = await wallboard(db, minutes(NOW, 2));
			const row = board.agents.find((a) => a.id === a3)!;
			expect(row).toMatchObject({ state: 'question', progress: { n: 2 }, customer: 'wb-Ann', callId: call });
			expect(row.seconds).toBe(60);
			const mine = board.campaigns.find((c) => c.id === id)!;
			expect(mine).toMatchObject({ status: 'running', dueNow: 1, staleClaims: 0 });
			// Idle for 11 minutes: a stale claim on the board before the release comes.
			expect((await wallboard(db, minutes(NOW, 12))).campaigns.find((c) => c.id === id)?.staleClaims).toBe(1);
			expect(await releaseCall(db, call, minutes(NOW, 13).now)).toBe(true);
			expect((await wallboard(db, minutes(NOW, 13))).agents.find((a) => a.id === a3)?.state).toBe('idle');
			await changeStatus(db, id, 'pause', TODAY);
		});
	});
}
