import { sql } from 'kysely';
import { z } from 'zod';
import 'zod-openapi';
import { CAMPAIGN_STATUSES, CHANNELS } from '../../domain/scheduling/campaign-rules';
import { CALLBACK_STATUSES, type CallbackStatus } from '../../domain/scheduling/call-queue';
import { defineRoute } from './route';

const query = z.object({
	status: z.enum(CAMPAIGN_STATUSES).optional().meta({ description: 'Only campaigns in this state' })
});

const campaignSchema = z
	.object({
		id: z.uuid(),
		name: z.string(),
		status: z.enum(CAMPAIGN_STATUSES),
		channel: z.enum(CHANNELS),
		questionnaire: z.object({ id: z.uuid(), title: z.string() }),
		createdAt: z.iso.datetime({ offset: true }),
		launchedAt: z.iso.datetime({ offset: true }).nullable(),
		finishedAt: z.iso.datetime({ offset: true }).nullable(),
		callbacks: z
			.object(Object.fromEntries(CALLBACK_STATUSES.map((s) => [s, z.number().int()])) as Record<CallbackStatus, z.ZodNumber>)
			.meta({ description: 'Enrolled contacts by callback state' })
	})
	.meta({ id: 'Campaign' });

const response = z.object({ data: z.array(campaignSchema) }).meta({ id: 'CampaignList' });

export const listCampaigns = defineRoute({
	method: 'GET',
	path: '/api/v1/campaigns',
	operationId: 'listCampaigns',
	tag: 'campaigns',
	summary: 'Campaigns with their status and callbacks by state',
	scope: ['campaigns', 'read'],
	query,
	response,
	async run({ db, query }) {
		let q = db
			.selectFrom('campaigns as c')
			.innerJoin('questionnaires as q', 'q.id', 'c.questionnaire_id')
			.select(['c.id', 'c.name', 'c.status', 'c.channel', 'c.questionnaire_id', 'q.title', 'c.created_at', 'c.launched_at', 'c.finished_at'])
			.orderBy('c.created_at', 'desc')
			.orderBy('c.id');
		if (query.status) q = q.where('c.status', '=', query.status);
		const campaigns = await q.execute();
		const counts = campaigns.length
			? await db
					.selectFrom('campaign_contacts')
					.select(['campaign_id', 'status', sql<string>`count(*)`.as('n')])
					.where(
						'campaign_id',
						'in',
						campaigns.map((c) => c.id)
					)
					.groupBy(['campaign_id', 'status'])
					.execute()
			: [];
		const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
		return {
			data: campaigns.map((c) => {
				const callbacks = Object.fromEntries(CALLBACK_STATUSES.map((s) => [s, 0])) as Record<CallbackStatus, number>;
				for (const n of counts) if (n.campaign_id === c.id) callbacks[n.status] = Number(n.n);
				return {
					id: c.id,
					name: c.name,
					status: c.status,
					channel: c.channel,
					questionnaire: { id: c.questionnaire_id, title: c.title },
					createdAt: new Date(c.created_at).toISOString(),
					launchedAt: iso(c.launched_at),
					finishedAt: iso(c.finished_at),
					callbacks
				};
			})
		};
	}
});
