import { z } from 'zod';
import { WEBHOOK_EVENTS } from './events';

/** The admin form that subscribes a URL to events. */
export const webhookFormSchema = z.object({
	url: z
		.string()
		.trim()
		.max(2000, 'too_long')
		.refine((v) => {
			try {
				const url = new URL(v);
				return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
			} catch {
				return false;
			}
		}, 'api_webhook_url_invalid'),
	events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'api_webhook_events_required')
});
export type WebhookForm = z.infer<typeof webhookFormSchema>;
