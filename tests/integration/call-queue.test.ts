import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from './setup';
import { KEY_IDS, makeUser, publishedQuestionnaire } from './fixtures';
import type { Db } from '$lib/server/db';
import { campaignFormSchema } from '$lib/domain/scheduling/campaign-rules';
const MAX_ATTEMPTS = 3;
import { campaignCounts, changeStatus, contactCallbacks, createCampaign, phoneDueCount } from '$lib/server/campaigns/service';
import { claimCall, listQueue, type Clock } from '$lib/server/calls/queue';
import { answerQuestion, finishCall, getCall, giveConsent } from '$lib/server/calls/service';
import { updateContact } from '$lib/server/contacts/service';
import { contactFormSchema } from '$lib/domain/contacts/edit';
import { saveHours } from '$lib/server/calls/calling-hours';
import { TYPICAL_CALLING_HOURS } from '$lib/domain/scheduling/calling-hours';
import * as callQueueMigration from '../../migrations/0007_call_queue';
import * as floorMigration from '../../migrations/0020_call_floor';
import * as hoursMigration from '../../migrations/0021_calling_hours';

const ZONE = 'Asia/Shanghai';
const TODAY = '2026-06-01';
/** 10:00 in Shanghai on `date`. */
const at = (date: string, time = '10:00'): Clock => ({ now: new Date(`${date}T${time}:00+08:00`), timeZone: ZONE });
const NOW = at(TODAY);

function form(questionnaireId: string, over: Record<string, string>) {
	return campaignFormSchema.parse({
		name: 'Queue',
		questionnaireId,
		tiers: '',
		industry: '',
		eventFrom: '',
		eventTo: '',
		delayDays: '30',
		samplePercent: '100',
		sampleSeed: 'seed',
		channel: 'phone',
		phoneAfterDays: '3',
		linkValidDays: '14',
		...over
	});
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: the call queue`, () => {
		let db: Db;
		let questionnaireId: string;
		let userId: string;
		let phoneCampaign: string;
		let agents: string[];

		const ccOf = (name: string) =>
			db
				.selectFrom('campaign_contacts as cc')
				.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
				.select(['cc.id', 'cc.status', 'cc.attempts', 'cc.call_after', sql<string | null>`cc.phone_due_date::text`.as('phone_due_date'), sql<string | null>`cc.contacted_on::text`.as('contacted_on')])
				.where('k.name', '=', name)
				.where('cc.campaign_id', '=', phoneCampaign)
				.executeTakeFirstOrThrow();

		beforeAll(async () => {
			db = await dialect.open();
			({ id: questionnaireId, userId } = await publishedQuestionnaire(db));
			agents = await Promise.all(Array.from({ length: 10 }, () => makeUser(db, 'agent')));
			// A new installation calls at any hour; these tests run on a typical call centre's.
			await saveHours(db, null, TYPICAL_CALLING_HOURS.windows, []);
			// Phone campaign (industry "q"): due on 2026-05-01 except Early (04-21) and Late (not yet due).
			const q = (name: string, tier: string | null, event: string, i: number) => ({
				name,
				phone: `+86139000001${String(i).padStart(2, '0')}`,
				industry: 'q',
				tier,
				event_date: event,
				attributes: JSON.stringify({ car_model: `M${i}` })
			});
			await db
				.insertInto('contacts')
				.values([
					q('B1', 'B', '2026-04-01', 1),
					q('A1', 'A', '2026-04-01', 2),
					q('Early', 'C', '2026-03-22', 3),
					q('NoTier', null, '2026-04-01', 4),
					q('A2', 'A', '2026-04-01', 5),
					q('Late', 'A', '2026-05-20', 6),
					q('Dnc', 'A', '2026-04-01', 7),
					// Link-only campaign (industry "l"): never in the queue.
					{ name: 'L1', phone: '+8613900000201', industry: 'l', tier: 'A', event_date: '2026-04-01', attributes: '{}' }
				])
				.execute();
			phoneCampaign = (await createCampaign(db, form(questionnaireId, { industry: 'q', name: '电话回访' }), userId))!;
			const linkCampaign = (await createCampaign(db, form(questionnaireId, { industry: 'l', channel: 'link' }), userId))!;
			expect(await changeStatus(db, phoneCampaign, 'launch', TODAY)).toBe(true);
			expect(await changeStatus(db, linkCampaign, 'launch', TODAY)).toBe(true);
			// Marked do-not-contact after it was scheduled.
			await db.updateTable('contacts').set({ do_not_contact: true, dnc_reason: 'asked' }).where('name', '=', 'Dnc').execute();
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('lists due phone callbacks of running campaigns, soonest first, then by tier', async () => {
			const queue = await listQueue(db, NOW);
			expect(queue.rows.map((r) => r.name)).toEqual(['Early', 'A1', 'A2', 'B1', 'NoTier']);
			expect(queue.total).toBe(5);
			expect(queue.rows[0]).toMatchObject({ campaign: '电话回访', dueDate: '2026-04-21', attempts: 0, phone: '+8613900000103' });
			expect(await phoneDueCount(db, phoneCampaign, TODAY, NOW.now)).toBe(6); // the do-not-contact one is still scheduled
			expect((await listQueue(db, NOW, 2)).rows).toHaveLength(2);
		});

		it('hides a paused campaign at once and shows it again on resume', async () => {
			expect(await changeStatus(db, phoneCampaign, 'pause', TODAY)).toBe(true);
			expect(await listQueue(db, NOW)).toMatchObject({ rows: [], total: 0 });
			expect(await claimCall(db, agents[0]!, NOW)).toBeNull();
			expect(await changeStatus(db, phoneCampaign, 'resume', TODAY)).toBe(true);
			expect((await listQueue(db, NOW)).total).toBe(5);
		});

		// PGlite has one connection, so a second transaction cannot run beside a held lock there.
		it.runIf(dialect.name === 'postgres')('skips a callback another transaction holds, without waiting for it', async () => {
			const early = await ccOf('Early');
			let release!: () => void;
			let holding!: () => void;
			const held = new Promise<void>((resolve) => (holding = resolve));
			const holder = db.transaction().execute(async (trx) => {
				await trx.selectFrom('campaign_contacts').select('id').where('id', '=', early.id).forUpdate().execute();
				holding();
				await new Promise<void>((resolve) => (release = resolve));
			});
			await held;
			const id = (await claimCall(db, agents[0]!, NOW))!;
			release();
			await holder;
			expect((await getCall(db, id, agents[0]!))?.customerName).toBe('A1');
			// Undo the claim for the tests below.
			await db.deleteFrom('calls').where('id', '=', id).execute();
			await db.updateTable('campaign_contacts').set({ status: 'scheduled', attempts: 0, last_attempt_at: null }).where('id', '=', (await ccOf('A1')).id).execute();
		});

		it('gives concurrent claims distinct callbacks, never one twice', async () => {
			const ids = await Promise.all(agents.map((agent) => claimCall(db, agent, NOW)));
			const claimed = ids.filter((id): id is string => id !== null);
			expect(claimed).toHaveLength(5);
			const calls = await db
				.selectFrom('calls')
				.select(['id', 'campaign_contact_id', 'customer_name', 'customer_phone', 'questionnaire_id', 'version_id', 'agent_id'])
				.where('id', 'in', claimed)
				.execute();
			expect(new Set(calls.map((c) => c.campaign_contact_id)).size).toBe(5);
			expect(new Set(calls.map((c) => c.agent_id)).size).toBe(5);
			expect(calls.map((c) => c.customer_name).sort()).toEqual(['A1', 'A2', 'B1', 'Early', 'NoTier']);
			const campaign = await db.selectFrom('campaigns').select(['questionnaire_id', 'version_id']).where('id', '=', phoneCampaign).executeTakeFirstOrThrow();
			for (const c of calls) expect(c).toMatchObject(campaign);
			expect(await listQueue(db, NOW)).toMatchObject({ rows: [], total: 0 });
			expect(await ccOf('A1')).toMatchObject({ status: 'calling', attempts: 1 });
			expect((await campaignCounts(db, phoneCampaign)).calling).toBe(5);
		});

		it('pipes the contact into the script and records the response for the contact and campaign', async () => {
			const call = (await db
				.selectFrom('calls')
				.innerJoin('campaign_contacts as cc', 'cc.id', 'calls.campaign_contact_id')
				.select(['calls.id', 'calls.agent_id', 'cc.contact_id'])
				.where('calls.customer_name', '=', 'A1')
				.executeTakeFirstOrThrow())!;
			const view = (await getCall(db, call.id, call.agent_id))!;
			expect(view.pipe).toMatchObject({ 'customer.name': 'A1', 'contact.car_model': 'M2', 'contact.tier': 'A' });
			expect(await giveConsent(db, call.id, call.agent_id)).toBe(true);
			const response = await db.selectFrom('responses').select(['contact_id', 'campaign_id']).where('submission_id', '=', call.id).executeTakeFirstOrThrow();
			expect(response).toEqual({ contact_id: call.contact_id, campaign_id: phoneCampaign });
		});

		const callOf = (name: string) =>
			db.selectFrom('calls').select(['id', 'agent_id']).where('customer_name', '=', name).orderBy('started_at', 'desc').executeTakeFirstOrThrow();

		it('moves callbacks on by outcome: done, refused, flagged, retried', async () => {
			// Completed: every required question answered.
			const a1 = await callOf('A1');
			for (const q of KEY_IDS) await answerQuestion(db, a1.id, a1.agent_id, q, 'yes');
			await answerQuestion(db, a1.id, a1.agent_id, 'overall_satisfaction', '5');
			await answerQuestion(db, a1.id, a1.agent_id, 'recommend', '9');
			expect(await finishCall(db, a1.id, a1.agent_id, 'completed', null, NOW)).toEqual({ ok: true });
			expect(await ccOf('A1')).toMatchObject({ status: 'responded', contacted_on: TODAY });

			const a2 = await callOf('A2');
			expect(await finishCall(db, a2.id, a2.agent_id, 'refused', null, NOW)).toEqual({ ok: true });
			expect(await ccOf('A2')).toMatchObject({ status: 'refused', contacted_on: TODAY });

			const noTier = await callOf('NoTier');
			expect(await finishCall(db, noTier.id, noTier.agent_id, 'wrong_number', null, NOW)).toEqual({ ok: true });
			expect(await ccOf('NoTier')).toMatchObject({ status: 'invalid_number', contacted_on: null });
			const contact = await db.selectFrom('contacts').select('id').where('name', '=', 'NoTier').executeTakeFirstOrThrow();
			expect((await contactCallbacks(db, contact.id)).map((cb) => cb.status)).toEqual(['invalid_number']);

			// "Call back later" books the window the customer asked for, on their clock.
			const b1 = await callOf('B1');
			const startsAt = new Date('2026-06-02T07:00:00.000Z');
			const booked = { startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), withMeOnly: false };
			expect(await finishCall(db, b1.id, b1.agent_id, 'call_back_later', '客户说明天下午3点再打', NOW, booked)).toEqual({ ok: true });
			expect(await ccOf('B1')).toMatchObject({ status: 'scheduled', phone_due_date: '2026-06-02', contacted_on: TODAY, attempts: 0 });
			expect(new Date((await ccOf('B1')).call_after!).toISOString()).toBe('2026-06-02T07:00:00.000Z');

			// No answer at 10:00 comes back after 3 hours, which is the lunch gap: at 13:30.
			const early = await callOf('Early');
			expect(await finishCall(db, early.id, early.agent_id, 'no_answer', null, NOW)).toEqual({ ok: true });
			expect(await ccOf('Early')).toMatchObject({ status: 'scheduled', phone_due_date: TODAY, attempts: 1 });
			expect(new Date((await ccOf('Early')).call_after!).toISOString()).toBe('2026-06-01T05:30:00.000Z');

			const counts = await campaignCounts(db, phoneCampaign);
			// Scheduled: B1 and Early again, and the do-not-contact one (Late was not due at launch).
			expect(counts).toMatchObject({ responded: 1, refused: 1, invalid_number: 1, scheduled: 3, calling: 0 });
			// Nobody is due again before 13:30.
			expect((await listQueue(db, NOW)).total).toBe(0);
			// Tomorrow morning: Early is due; B1 only from 15:00, and then before the older retry.
			expect((await listQueue(db, at('2026-06-02', '09:00'))).rows.map((r) => r.name)).toEqual(['Early']);
			expect((await listQueue(db, at('2026-06-02', '15:00'))).rows.map((r) => r.name)).toEqual(['B1', 'Early']);
		});

		it('gives up after the attempt limit without an answer', async () => {
			let clock = at('2026-06-02', '16:00');
			for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
				const id = (await claimCall(db, agents[0]!, clock, (await ccOf('Early')).id))!;
				expect(id).not.toBeNull();
				expect(await finishCall(db, id, agents[0]!, 'busy', null, clock)).toEqual({ ok: true });
				const next = (await ccOf('Early')).call_after;
				if (next) clock = { ...clock, now: new Date(new Date(next).getTime() + 60_000) };
			}
			expect(await ccOf('Early')).toMatchObject({ status: 'unreachable', attempts: MAX_ATTEMPTS });
		});

		it('keeps a claimed call with its agent when the campaign is paused', async () => {
			const clock = at('2026-06-03');
			const id = (await claimCall(db, agents[3]!, clock))!;
			expect((await getCall(db, id, agents[3]!))?.customerName).toBe('B1');
			expect(await changeStatus(db, phoneCampaign, 'pause', '2026-06-03')).toBe(true);
			// Not in anyone's queue, and another claim of it is refused…
			expect(await claimCall(db, agents[4]!, clock, (await ccOf('B1')).id)).toBeNull();
			// …but the agent who claimed it can still make the call and record it.
			expect(await getCall(db, id, agents[3]!)).toMatchObject({ step: 'opening' });
			expect(await finishCall(db, id, agents[3]!, 'no_answer', null, clock)).toEqual({ ok: true });
			// The call-back-later call was no attempt; this one is, and comes back at 13:30.
			expect(await ccOf('B1')).toMatchObject({ status: 'scheduled', attempts: 1, phone_due_date: '2026-06-03' });
			expect((await listQueue(db, at('2026-06-05'))).total).toBe(0);
			expect(await changeStatus(db, phoneCampaign, 'resume', '2026-06-05')).toBe(true);
			expect((await listQueue(db, at('2026-06-05'))).rows.map((r) => r.name)).toEqual(['B1']);
		});

		it('refuses a claim of a do-not-contact, an answered or an unknown callback', async () => {
			expect(await claimCall(db, agents[0]!, NOW, (await ccOf('Dnc')).id)).toBeNull();
			expect(await claimCall(db, agents[0]!, at('2026-06-05'), (await ccOf('A1')).id)).toBeNull();
			expect(await claimCall(db, agents[0]!, NOW, crypto.randomUUID())).toBeNull();
		});

		it('brings a wrong number back once the phone is corrected; do-not-contact during a call stops it', async () => {
			const k = await db.selectFrom('contacts').select('id').where('name', '=', 'NoTier').executeTakeFirstOrThrow();
			const edit = (over: Record<string, string>) =>
				contactFormSchema.parse({ name: 'NoTier', phone: '+8613900000104', email: '', externalId: '', tier: '', industry: 'q', product: '', eventDate: '2026-04-01', dncReason: '', ...over });
			// Saving the same wrong number changes nothing.
			expect(await updateContact(db, k.id, edit({}))).toEqual({ ok: true });
			expect((await ccOf('NoTier')).status).toBe('invalid_number');
			expect(await updateContact(db, k.id, edit({ phone: '13900000199' }))).toEqual({ ok: true });
			expect(await ccOf('NoTier')).toMatchObject({ status: 'scheduled', attempts: 0 });
			const clock = at('2026-06-05');
			expect((await listQueue(db, clock)).rows.map((r) => r.name)).toEqual(['NoTier', 'B1']);

			const id = (await claimCall(db, agents[5]!, clock))!;
			expect((await getCall(db, id, agents[5]!))?.customerPhone).toBe('+8613900000199');
			expect(await updateContact(db, k.id, edit({ phone: '13900000199', doNotContact: 'on', dncReason: '客户要求' }))).toEqual({ ok: true });
			expect(await finishCall(db, id, agents[5]!, 'no_answer', null, clock)).toEqual({ ok: true });
			expect((await ccOf('NoTier')).status).toBe('cancelled');
		});

		it('migrates down and up again with callbacks in the new states', async () => {
			await hoursMigration.down(db as never);
			await floorMigration.down(db as never);
			await callQueueMigration.down(db as never);
			const statuses = await db.selectFrom('campaign_contacts').select('status').distinct().execute();
			expect(statuses.map((s) => s.status).sort()).toEqual(expect.arrayContaining(['cancelled', 'responded', 'scheduled']));
			expect(statuses.every((s) => ['cancelled', 'responded', 'scheduled'].includes(s.status))).toBe(true);
			await callQueueMigration.up(db as never);
			await floorMigration.up(db as never);
			await hoursMigration.up(db as never);
			expect((await ccOf('A1')).attempts).toBe(0);
			expect(await db.selectFrom('dispositions').select('key').where('key', '=', 'abandoned').executeTakeFirst()).toBeDefined();
		});
	});
}
