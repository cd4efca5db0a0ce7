import type { Db } from '../db';
import { isSealed, seal, unseal } from '../secrets/box';
import { secretKeyFor } from '../secrets/key';

/** Bound into every sealed webhook secret, so it cannot be swapped in from another column. */
export const WEBHOOK_SECRET_PURPOSE = 'webhook_subscriptions.secret';

export class WebhookKeyMissing extends Error {
	constructor() {
		super('no secret key: set HUIFANG_SECRET_KEY');
	}
}

/** Seals a new subscription's secret; throws WebhookKeyMissing on PostgreSQL without HUIFANG_SECRET_KEY. */
export function sealWebhookSecret(db: Db, secret: string): string {
	const key = secretKeyFor(db);
	if (!key) throw new WebhookKeyMissing();
	return seal(secret, key.key, WEBHOOK_SECRET_PURPOSE);
}

/** The signing secret of a stored subscription; throws (the delivery then fails with the reason) when the key is missing or wrong. */
export function openWebhookSecret(db: Db, stored: string): string {
	if (!isSealed(stored)) throw new Error('webhook secret is not sealed');
	const key = secretKeyFor(db);
	if (!key) throw new WebhookKeyMissing();
	return unseal(stored, key.key, WEBHOOK_SECRET_PURPOSE);
}

/** Whether new subscriptions can be created here (the admin page says why not). */
export const webhookKeyAvailable = (db: Db) => secretKeyFor(db) !== null;
