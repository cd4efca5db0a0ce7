import type { Db } from '$lib/server/db';
import { campaignFormSchema } from '$lib/domain/scheduling/campaign-rules';
import { changeStatus, createCampaign } from '$lib/server/campaigns/service';
import { setCampaignDelivery } from '$lib/server/delivery/funnel';
import { saveDeliverySettings } from '$lib/server/delivery/settings';
import { DEFAULT_SETTINGS, type DeliverySettings } from '$lib/domain/delivery/settings';
import type { CampaignDelivery } from '$lib/domain/delivery/settings';
import { publishedQuestionnaire } from './fixtures';

export interface FixtureContact {
	name: string;
	email?: string | null;
	phone?: string;
	timeZone?: string | null;
}

/**
 * A running link campaign over its own contacts (a unique industry keeps each
 * test's contacts apart), launched on `today` with every contact due.
 */
export async function linkCampaign(db: Db, industry: string, contacts: FixtureContact[], delivery: CampaignDelivery, today: string): Promise<string> {
	const { id: questionnaireId, userId } = await publishedQuestionnaire(db);
	await db
		.insertInto('contacts')
		.values(
			contacts.map((c) => ({
				name: c.name,
				email: c.email ?? null,
				// Campaigns enrol only contacts with a phone number.
				phone: c.phone ?? `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
				time_zone: c.timeZone ?? null,
				industry,
				event_date: '2026-01-01',
				attributes: JSON.stringify({})
			}))
		)
		.execute();
	const form = campaignFormSchema.parse({
		name: industry,
		questionnaireId,
		tiers: '',
		industry,
		eventFrom: '',
		eventTo: '',
		delayDays: '1',
		samplePercent: '100',
		sampleSeed: 's',
		channel: 'link',
		phoneAfterDays: '3',
		linkValidDays: '7'
	});
	const id = (await createCampaign(db, form, userId))!;
	await setCampaignDelivery(db, id, delivery);
	await changeStatus(db, id, 'launch', today);
	return id;
}

export async function configureDelivery(db: Db, patch: { smtpPort?: number; smsUrl?: string; ratePerMinute?: number }): Promise<DeliverySettings> {
	const settings: DeliverySettings = {
		...DEFAULT_SETTINGS,
		smtp: { ...DEFAULT_SETTINGS.smtp, host: '127.0.0.1', port: patch.smtpPort ?? 25, secure: false, from: 'Huifang <callbacks@example.com>' },
		sms: { ...DEFAULT_SETTINGS.sms, url: patch.smsUrl ?? '' },
		ratePerMinute: patch.ratePerMinute ?? 60
	};
	await saveDeliverySettings(db, settings);
	return settings;
}
