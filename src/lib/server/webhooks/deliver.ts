import type { Db } from '../db';
import { nextAttemptAt } from '../../domain/integrations/backoff';
import { postJson } from './http';
import { signatureHeader, SIGNATURE_HEADER } from './signature';
import { privateTargetsAllowed } from './subscriptions';
import { openWebhookSecret } from './secret-store';

const BATCH = 10;
/** A claimed delivery nobody finished within this time (its process died) is claimed again. */
const LEASE_MS = 60_000;

/**
 * Sends the deliveries that are due. Claiming is one short transaction with
 * `FOR UPDATE SKIP LOCKED` and a lease, so several workers never send one delivery
 * at the same time and no transaction stays open during HTTP. A 2xx answer
 * delivers; anything else is retried with exponential backoff for 24 hours, then
 * the delivery is failed. Every attempt is logged.
 */
export async function deliverWebhooks(db: Db, now: Date): Promise<{ delivered: number; retrying: number; failed: number }> {
	const totals = { delivered: 0, retrying: 0, failed: 0 };
	const allowPrivate = await privateTargetsAllowed(db);
	for (let round = 0; round < 20; round++) {
		const claimed = await db.transaction().execute(async (trx) => {
			const due = await trx
				.selectFrom('webhook_deliveries')
				.select('id')
				.where('state', '=', 'pending')
				.where('next_attempt_at', '<=', now)
				.where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
				.orderBy('next_attempt_at')
				.limit(BATCH)
				.forUpdate()
				.skipLocked()
				.execute();
			if (due.length === 0) return [];
			const ids = due.map((d) => d.id);
			await trx
				.updateTable('webhook_deliveries')
				.set({ lease_until: new Date(now.getTime() + LEASE_MS) })
				.where('id', 'in', ids)
				.execute();
			return trx
				.selectFrom('webhook_deliveries as d')
				.innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
				.innerJoin('webhook_events as e', 'e.id', 'd.event_id')
				.select(['d.id', 'd.attempts', 'd.first_attempt_at', 's.url', 's.secret', 's.disabled_at', 'e.id as event_id', 'e.type', 'e.payload', 'e.created_at'])
				.where('d.id', 'in', ids)
				.execute();
		});
		if (claimed.length === 0) break;
		await Promise.all(
			claimed.map(async (d) => {
				const body = JSON.stringify({ id: d.event_id, type: d.type, createdAt: new Date(d.created_at).toISOString(), data: d.payload });
				const timestamp = Math.floor(now.getTime() / 1000);
				const send = async () => {
					let secret: string;
					try {
						secret = openWebhookSecret(db, d.secret);
					} catch (e) {
						// Retried like a failed request: restoring the right key within the retry window delivers it.
						return { status: null, error: `secret key: ${(e as Error).message}` };
					}
					const headers = { [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, body), 'Huifang-Event': d.type, 'Huifang-Delivery': d.id };
					return postJson(new URL(d.url), body, headers, allowPrivate);
				};
				const result = d.disabled_at ? { status: null, error: 'subscription disabled' } : await send();
				const ok = result.status !== null && result.status >= 200 && result.status < 300;
				const attempts = d.attempts + 1;
				const next = ok || d.disabled_at ? null : nextAttemptAt(attempts, new Date(d.first_attempt_at), now);
				const state = ok ? 'delivered' : next ? 'pending' : 'failed';
				totals[ok ? 'delivered' : next ? 'retrying' : 'failed']++;
				await db.transaction().execute(async (trx) => {
					await trx
						.updateTable('webhook_deliveries')
						.set({
							state,
							attempts,
							last_status: result.status,
							last_error: result.error,
							lease_until: null,
							...(next ? { next_attempt_at: next } : {}),
							...(ok ? { delivered_at: now } : {})
						})
						.where('id', '=', d.id)
						.execute();
					await trx.insertInto('webhook_attempts').values({ delivery_id: d.id, attempted_at: now, status: result.status, error: result.error }).execute();
				});
			})
		);
	}
	return totals;
}
