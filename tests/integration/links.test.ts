import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { KEY_IDS, num, publishedQuestionnaire, yes } from './fixtures';
import type { Db } from '$lib/server/db';
import { campaignFormSchema } from '$lib/domain/scheduling/campaign-rules';
import { changeStatus, createCampaign, phoneDueCount } from '$lib/server/campaigns/service';
import { updateContact } from '$lib/server/contacts/service';
import { contactFormSchema } from '$lib/domain/contacts/edit';
import { LinkUnavailableError, hashToken, issueLinks, lookupLink, revokeLinks, submitLinkResponse } from '$lib/server/links/service';

const TODAY = '2026-06-01';

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: per-customer links`, () => {
		let db: Db;
		let campaignId: string;
		const answers = [...KEY_IDS.map((id) => yes(id)), num('overall_satisfaction', 5)];

		beforeAll(async () => {
			db = await dialect.open();
			const { id: questionnaireId, userId } = await publishedQuestionnaire(db);
			await db
				.insertInto('contacts')
				.values(
					['甲', '乙', '丙'].map((name, i) => ({
						name,
						phone: `+861390000010${i}`,
						event_date: '2026-04-01',
						attributes: JSON.stringify({ model: `M${i}` })
					}))
				)
				.execute();
			const form = campaignFormSchema.parse({
				name: 'Links',
				questionnaireId,
				tiers: '',
				industry: '',
				eventFrom: '',
				eventTo: '',
				delayDays: '30',
				samplePercent: '100',
				sampleSeed: 's',
				channel: 'link_then_phone',
				phoneAfterDays: '3',
				linkValidDays: '7'
			});
			campaignId = (await createCampaign(db, form, userId))!;
			// Links exist only for launched campaigns.
			expect(await issueLinks(db, campaignId, { reissue: false })).toBeNull();
			await changeStatus(db, campaignId, 'launch', TODAY);
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('issues one random link per callback, stores only its hash, and skips live ones next time', async () => {
			const first = (await issueLinks(db, campaignId, { reissue: false }))!;
			expect(first.links.map((l) => l.name)).toEqual(['丙', '乙', '甲'].sort());
			for (const l of first.links) expect(l.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
			const stored = await db.selectFrom('survey_links').select('token_hash').execute();
			expect(stored.map((s) => s.token_hash).sort()).toEqual(first.links.map((l) => hashToken(l.token)).sort());
			expect(JSON.stringify(stored)).not.toContain(first.links[0]!.token);

			const again = (await issueLinks(db, campaignId, { reissue: false }))!;
			expect(again).toMatchObject({ links: [], alreadyIssued: 3 });

			const lookup = await lookupLink(db, first.links[0]!.token);
			expect(lookup).toMatchObject({ state: 'open', pipe: { 'customer.name': first.links[0]!.name } });
			expect(await lookupLink(db, 'x'.repeat(32))).toEqual({ state: 'not_found' });
			expect(await lookupLink(db, '../etc')).toEqual({ state: 'not_found' });
		});

		it('stores exactly one response for 10 concurrent submissions with one token', async () => {
			const { links } = (await issueLinks(db, campaignId, { reissue: true }))!;
			const token = links[0]!.token;
			const found = await lookupLink(db, token);
			if (found.state !== 'open') throw new Error('link should be open');
			const submit = () =>
				submitLinkResponse(db, {
					linkId: found.linkId,
					questionnaireId: found.version.questionnaireId,
					versionId: found.version.versionId,
					contactId: found.contactId,
					campaignId: found.campaignId,
					submissionId: crypto.randomUUID(),
					answers
				});
			const results = await Promise.allSettled(Array.from({ length: 10 }, submit));
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(LinkUnavailableError);
			const responses = await db.selectFrom('responses').select(['id', 'contact_id', 'campaign_id', 'channel']).where('campaign_id', '=', campaignId).execute();
			expect(responses).toEqual([{ id: expect.any(String), contact_id: found.contactId, campaign_id: campaignId, channel: 'web' }]);
			// No answers were left behind by the rolled-back submissions.
			const answerCount = await db.selectFrom('answers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
			expect(Number(answerCount.n)).toBe(answers.length);
			expect(await lookupLink(db, token)).toMatchObject({ state: 'used' });
			const cc = await db.selectFrom('campaign_contacts').select('status').where('contact_id', '=', found.contactId).executeTakeFirstOrThrow();
			expect(cc.status).toBe('responded');
		});

		it('refuses revoked and expired links, and the old links after a reissue', async () => {
			const before = (await db.selectFrom('survey_links').select('id').where('revoked_at', 'is not', null).execute()).length;
			expect(before).toBe(3); // the first three were revoked by the reissue
			const { links } = (await issueLinks(db, campaignId, { reissue: true }))!;
			expect(links).toHaveLength(2); // the answered contact gets no new link
			const target = await db
				.selectFrom('survey_links')
				.select(['campaign_contact_id'])
				.where('token_hash', '=', hashToken(links[0]!.token))
				.executeTakeFirstOrThrow();
			expect(await revokeLinks(db, target.campaign_contact_id)).toBe(1);
			expect(await lookupLink(db, links[0]!.token)).toMatchObject({ state: 'revoked' });
			const later = new Date(Date.now() + 8 * 86_400_000);
			expect(await lookupLink(db, links[1]!.token, later)).toMatchObject({ state: 'expired' });
		});

		it('counts unanswered link callbacks as due for a call after the set days', async () => {
			// Due 2026-05-01, a call 3 days later: not yet on 05-03, on 05-04.
			const scheduled = await db.selectFrom('campaign_contacts').select('id').where('campaign_id', '=', campaignId).where('status', '=', 'scheduled').execute();
			expect(await phoneDueCount(db, campaignId, '2026-05-03')).toBe(0);
			expect(await phoneDueCount(db, campaignId, '2026-05-04')).toBe(scheduled.length);
		});

		it('marking a contact do-not-contact cancels their callback and revokes their link at once', async () => {
			const { links } = (await issueLinks(db, campaignId, { reissue: true }))!;
			const live = links.find((l) => l.name === '丙') ?? links[0]!;
			const found = await lookupLink(db, live.token);
			if (found.state !== 'open') throw new Error('link should be open');
			const contact = await db.selectFrom('contacts').select(['id', 'name', 'phone']).where('id', '=', found.contactId).executeTakeFirstOrThrow();
			const form = contactFormSchema.parse({ name: contact.name, phone: contact.phone!, email: '', externalId: '', tier: '', industry: '', product: '', eventDate: '2026-04-01', doNotContact: 'on', dncReason: '投诉' });
			expect(await updateContact(db, contact.id, form)).toEqual({ ok: true });
			expect(await lookupLink(db, live.token)).toMatchObject({ state: 'revoked' });
			const cc = await db.selectFrom('campaign_contacts').select('status').where('contact_id', '=', contact.id).executeTakeFirstOrThrow();
			expect(cc.status).toBe('cancelled');
		});
	});
}
