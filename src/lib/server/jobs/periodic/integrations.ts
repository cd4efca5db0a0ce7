import type { PeriodicJob } from './types';
import { deliverWebhooks } from '../../webhooks/deliver';
import { cleanupApiRecords } from '../../api/tokens';

export const integrationsJobs: PeriodicJob[] = [
	// Sends due webhook deliveries (first attempts and retries); SKIP LOCKED claims make concurrent runs safe.
	{ name: 'integrations-webhook-deliveries', cron: '* * * * *', run: deliverWebhooks },
	// Forgets API request counts after an hour and idempotency records after a day.
	{ name: 'integrations-api-cleanup', cron: '17 * * * *', run: cleanupApiRecords }
];
