import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { publishedQuestionnaire } from './fixtures';
import type { Db } from '$lib/server/db';
import { campaignFormSchema } from '$lib/domain/scheduling/campaign-rules';
import { addDays } from '$lib/domain/scheduling/dates';
import {
	changeStatus,
	contactCallbacks,
	createCampaign,
	enrollDue,
	getCampaign,
	previewCampaign,
	setCapDays
} from '$lib/server/campaigns/service';

const TODAY = '2026-06-01';

function form(questionnaireId: string, over: Record<string, string> = {}) {
	return campaignFormSchema.parse({
		name: 'After service',
		questionnaireId,
		tiers: '',
		industry: 'cars',
		eventFrom: '',
		eventTo: '',
		delayDays: '30',
		samplePercent: '100',
		sampleSeed: 'seed',
		channel: 'link',
		phoneAfterDays: '3',
		linkValidDays: '14',
		...over
	});
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: campaigns`, () => {
		let db: Db;
		let questionnaireId: string;
		let userId: string;
		beforeAll(async () => {
			db = await dialect.open();
			({ id: questionnaireId, userId } = await publishedQuestionnaire(db));
			await setCapDays(db, 30);
			// 20 due contacts, 1 do-not-contact, 1 without phone, 1 not due yet.
			const rows = Array.from({ length: 20 }, (_, i) => ({
				name: `C${i}`,
				phone: `+86139000000${String(i).padStart(2, '0')}`,
				industry: 'cars',
				tier: i < 10 ? 'A' : 'B',
				event_date: '2026-04-01'
			}));
			rows.push({ name: 'DNC', phone: '+8613900000099', industry: 'cars', tier: 'A', event_date: '2026-04-01' });
			rows.push({ name: 'NoPhone', phone: null as unknown as string, industry: 'cars', tier: 'A', event_date: '2026-04-01' });
			rows.push({ name: 'Late', phone: '+8613900000098', industry: 'cars', tier: 'A', event_date: '2026-05-20' });
			await db.insertInto('contacts').values(rows).execute();
			await db.updateTable('contacts').set({ do_not_contact: true, dnc_reason: 'asked' }).where('name', '=', 'DNC').execute();
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('previews who is included and why others are not, without writing', async () => {
			const id = (await createCampaign(db, form(questionnaireId), userId))!;
			const c = (await getCampaign(db, id))!;
			const preview = await previewCampaign(db, c, TODAY);
			expect(preview).toMatchObject({ matched: 23, included: 20, excluded: { do_not_contact: 1, no_phone: 1, not_due: 1, cap: 0, sampling: 0 } });
			expect(await db.selectFrom('campaign_contacts').selectAll().execute()).toEqual([]);

			expect(await changeStatus(db, id, 'launch', TODAY)).toBe(true);
			const enrolled = await db.selectFrom('campaign_contacts').select(['contact_id']).where('campaign_id', '=', id).execute();
			expect(enrolled).toHaveLength(20);
			// Launching twice is refused; the campaign is running.
			expect(await changeStatus(db, id, 'launch', TODAY)).toBe(false);
			// A second look enrols nobody new; the late one becomes due later.
			expect(await enrollDue(db, id, TODAY)).toBe(0);
			expect(await changeStatus(db, id, 'pause', TODAY)).toBe(true);
			expect(await enrollDue(db, id, addDays(TODAY, 30))).toBe(0); // paused: nobody new at once
			expect(await changeStatus(db, id, 'resume', addDays(TODAY, 30))).toBe(true);
			expect(await db.selectFrom('campaign_contacts').select('id').where('campaign_id', '=', id).execute()).toHaveLength(21);
			expect(await changeStatus(db, id, 'finish', TODAY)).toBe(true);
			expect(await changeStatus(db, id, 'resume', TODAY)).toBe(false);
		});

		it('the same seed samples the same contacts; sampling is counted as a reason', async () => {
			const a = (await createCampaign(db, form(questionnaireId, { samplePercent: '50', sampleSeed: 'spring' }), userId))!;
			const b = (await createCampaign(db, form(questionnaireId, { samplePercent: '50', sampleSeed: 'spring' }), userId))!;
			const pa = await previewCampaign(db, (await getCampaign(db, a))!, '2026-06-10');
			const pb = await previewCampaign(db, (await getCampaign(db, b))!, '2026-06-10');
			expect(pa).toEqual(pb);
			expect(pa.excluded.sampling).toBeGreaterThan(0);
			// Everyone sampled and due is capped: the first campaign calls them on the same day, 2026-05-01.
			expect(pa.included).toBe(0);
			expect(pa.excluded.cap).toBeGreaterThan(0);
			expect(Object.values(pa.excluded).reduce((a, b) => a + b, 0)).toBe(pa.matched);
		});

		it('two campaigns launched at the same time never both call a contact within the cap', async () => {
			await setCapDays(db, 365);
			const ids = await Promise.all(
				[1, 2, 3].map(async () => (await createCampaign(db, form(questionnaireId, { delayDays: '31', tiers: 'A' }), userId))!)
			);
			const results = await Promise.all(ids.map((id) => changeStatus(db, id, 'launch', TODAY)));
			expect(results).toEqual([true, true, true]);
			const rows = await db
				.selectFrom('campaign_contacts')
				.select(['contact_id', (eb) => eb.fn.countAll<string>().as('n')])
				.where('campaign_id', 'in', ids)
				.groupBy('contact_id')
				.execute();
			// The tier-A contacts were called on 2026-05-01 by the first campaign: within 365 days, so nobody.
			expect(rows).toEqual([]);
			// Two campaigns due the same day for the tier-B contacts, launched together, cap 5 days: one each.
			const more = await Promise.all(
				[1, 2].map(async () => (await createCampaign(db, form(questionnaireId, { delayDays: '40', tiers: 'B' }), userId))!)
			);
			await setCapDays(db, 5);
			await Promise.all(more.map((id) => changeStatus(db, id, 'launch', TODAY)));
			const perContact = await db
				.selectFrom('campaign_contacts')
				.select(['contact_id', (eb) => eb.fn.countAll<string>().as('n')])
				.where('campaign_id', 'in', more)
				.groupBy('contact_id')
				.execute();
			expect(perContact).toHaveLength(10);
			expect(perContact.every((r) => Number(r.n) === 1)).toBe(true);
		});

		it('lists every callback of a contact across campaigns', async () => {
			const c = await db.selectFrom('contacts').select('id').where('name', '=', 'C15').executeTakeFirstOrThrow();
			const callbacks = await contactCallbacks(db, c.id);
			expect(callbacks.map((cb) => cb.due_date)).toEqual(['2026-05-11', '2026-05-01']);
		});
	});
}
