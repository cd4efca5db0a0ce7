import type { Db } from '../db';
import type { WebhookForm } from '../../domain/integrations/webhook-form';
import { newWebhookSecret } from './signature';
import { targetIsPrivate } from './http';
import { sealWebhookSecret, webhookKeyAvailable } from './secret-store';

const ALLOW_PRIVATE_KEY = 'webhooks_allow_private_targets';

/** Whether webhooks may go to private and loopback addresses (an admin setting; off by default). */
export async function privateTargetsAllowed(db: Db): Promise<boolean> {
	const row = await db.selectFrom('app_settings').select('value').where('key', '=', ALLOW_PRIVATE_KEY).executeTakeFirst();
	return row?.value === 'true';
}

export async function setPrivateTargetsAllowed(db: Db, allowed: boolean): Promise<void> {
	await db
		.insertInto('app_settings')
		.values({ key: ALLOW_PRIVATE_KEY, value: String(allowed) })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value: String(allowed) }))
		.execute();
}

export type CreateResult = { ok: true; id: string; secret: string } | { ok: false; errors: Record<string, string> };

/**
 * A new subscription with its own secret, shown once and stored sealed; a private
 * target is refused unless allowed, and everything while there is no secret key.
 */
export async function createSubscription(db: Db, form: WebhookForm, userId: string): Promise<CreateResult> {
	if (!webhookKeyAvailable(db)) return { ok: false, errors: { key: 'api_webhook_key_missing' } };
	if (!(await privateTargetsAllowed(db)) && (await targetIsPrivate(new URL(form.url)))) {
		return { ok: false, errors: { url: 'api_webhook_private' } };
	}
	const secret = newWebhookSecret();
	const row = await db
		.insertInto('webhook_subscriptions')
		.values({ url: form.url, events: form.events, secret: sealWebhookSecret(db, secret), created_by: userId })
		.returning('id')
		.executeTakeFirstOrThrow();
	return { ok: true, id: row.id, secret };
}

export function listSubscriptions(db: Db) {
	return db
		.selectFrom('webhook_subscriptions')
		.select(['id', 'url', 'events', 'created_at', 'disabled_at'])
		.orderBy('disabled_at', (ob) => ob.desc().nullsFirst())
		.orderBy('created_at', 'desc')
		.execute();
}

export async function disableSubscription(db: Db, id: string, now: Date): Promise<boolean> {
	const result = await db
		.updateTable('webhook_subscriptions')
		.set({ disabled_at: now })
		.where('id', '=', id)
		.where('disabled_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** The newest deliveries with their event and target, for the delivery log. */
export function recentDeliveries(db: Db, limit = 50) {
	return db
		.selectFrom('webhook_deliveries as d')
		.innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
		.innerJoin('webhook_events as e', 'e.id', 'd.event_id')
		.select(['d.id', 'd.state', 'd.attempts', 'd.last_status', 'd.last_error', 'd.next_attempt_at', 'd.delivered_at', 'd.created_at', 's.url', 'e.type'])
		.orderBy('d.created_at', 'desc')
		.orderBy('d.id')
		.limit(limit)
		.execute();
}

/** Sends a delivered or failed delivery again from now, with a fresh 24-hour retry window. */
export async function replayDelivery(db: Db, id: string, now: Date): Promise<boolean> {
	const result = await db
		.updateTable('webhook_deliveries')
		.set({ state: 'pending', first_attempt_at: now, next_attempt_at: now, lease_until: null, delivered_at: null })
		.where('id', '=', id)
		.where('state', 'in', ['delivered', 'failed'])
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}
