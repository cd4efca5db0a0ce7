/** Webhook event types a subscription can ask for. */
export const WEBHOOK_EVENTS = ['response.submitted', 'case.created', 'case.updated', 'call.completed', 'link.opened'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const isWebhookEvent = (s: string): s is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(s);
